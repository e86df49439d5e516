package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Origins;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The network half of Alation's authentication in a caller's OkHttp client: it runs for every request
 * that goes on the wire, OkHttp's own follow-ups (redirects, auth challenges, retries) included, and
 * puts the access token in the {@code TOKEN} header only of those to the Alation origin (scheme, host
 * and port of the base URL), as OkHttp itself does for {@code Authorization}: a redirect to another
 * host is followed without it. The token is the one the application half ({@link AuthInterceptor})
 * chose for the call, or, alone, the managed token's current value.
 *
 * <p>It also refuses, as an {@link IOException}, two answers OkHttp would otherwise let escape as a
 * {@link RuntimeException}: a negative {@code Content-Length} (Okio fails later, in the caller's
 * read of the body) and a 503 whose {@code Retry-After} is beyond {@code int} (OkHttp's follow-up
 * code throws {@link NumberFormatException}, which would kill a dispatcher thread in an asynchronous
 * call).
 */
public final class TokenHeader implements Interceptor {
    static final String HEADER = "TOKEN";

    private final HttpUrl base;
    private final ManagedAccessToken token;
    private final Runnable checkOpen;

    /**
     * Creates the network half.
     *
     * @param base the Alation base URL
     * @param token the managed token, used when no application half chose one
     * @param checkOpen throws {@link IllegalStateException} once the client is closed
     */
    public TokenHeader(HttpUrl base, ManagedAccessToken token, Runnable checkOpen) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.checkOpen = Objects.requireNonNull(checkOpen, "checkOpen");
    }

    /** The token the application half chose for a call, carried as the tag of its request. */
    record Chosen(Secret token) {}

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Chosen chosen = request.tag(Chosen.class);
        boolean home = Origins.sameOrigin(request.url(), base);
        if (chosen != null) {
            request = home
                    ? withToken(request, chosen.token())
                    : request.newBuilder().removeHeader(HEADER).build();
        } else if (home
                && request.header(HEADER) == null
                && !AlationApi.isTokenEndpoint(request.url().pathSegments())) {
            request = withToken(request, obtain(checkOpen, token::get));
        }
        return refuseUnreadable(chain.proceed(request));
    }

    /**
     * Closes and refuses an answer OkHttp cannot follow up or the caller could not read.
     *
     * @param response the answer
     * @return the same answer when it is readable
     * @throws IOException for a negative {@code Content-Length}, or a 503 whose {@code Retry-After}
     *     is a number beyond {@code int}
     */
    static Response refuseUnreadable(Response response) throws IOException {
        String length = response.header("Content-Length");
        if (length != null && length.trim().startsWith("-")) {
            response.close();
            throw new ProtocolException("Alation answered with a negative Content-Length: the answer cannot be read");
        }
        String retryAfter = response.header("Retry-After");
        if (response.code() == 503 && retryAfter != null && !fitsInt(retryAfter)) {
            response.close();
            throw new ProtocolException(
                    "Alation answered 503 with a Retry-After of more than 2^31 seconds, which OkHttp cannot read");
        }
        return response;
    }

    private static boolean fitsInt(String value) {
        String v = value.trim();
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true; // not a number of seconds: OkHttp reads it as "no retry"
        }
        try {
            Integer.parseInt(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Request withToken(Request request, Secret value) throws IOException {
        Request.Builder b = request.newBuilder();
        try {
            Credentials.setHeader(b, HEADER, value.reveal());
        } catch (CatalogKitException e) {
            throw new IOException("Alation: the API access token cannot be sent: " + e.getMessage(), e);
        }
        return b.build();
    }

    static Secret obtain(Runnable checkOpen, Supplier<Secret> mint) throws IOException {
        try {
            checkOpen.run();
            return mint.get();
        } catch (CatalogKitException e) {
            throw new IOException("Alation: could not get an API access token: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            CatalogKitException cause =
                    new CatalogKitException("Alation: could not get an API access token: " + e.getMessage(), e);
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
