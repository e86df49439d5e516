package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.OriginLock;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp interceptor that puts the managed API access token in the {@code TOKEN} header of
 * requests to the Alation instance, and only to it (same scheme, host and port as the base URL).
 * When the answer says the token was not accepted (401, or 403 whose body has code {@code 403000}
 * or is not JSON), it gets a new token (one mint shared by every waiting thread, none when another
 * thread already replaced the token) and replays the request once; whatever comes then is returned
 * as it is. It never turns a status into an exception.
 *
 * <p>The token stays on its host: as an application interceptor it runs above OkHttp's follow-up
 * logic, which would copy {@code TOKEN} into a redirect to any host, so it proceeds through {@link
 * OriginLock}, which ends the call before a request of another origin is written. As a network
 * interceptor it sees every request that leaves and adds the token only to Alation's, but cannot
 * replay.
 *
 * <p>Left alone: requests to other hosts, requests that already carry a {@code TOKEN} header, and
 * Alation's token endpoints (which take their credentials in the body). Requests with a one-shot
 * body are not replayed. Whatever goes wrong in it (a failed mint, a closed client, a minted value
 * that cannot go in a header) is an {@link IOException} whose cause is a {@link
 * CatalogKitException}, so that asynchronous calls see {@code onFailure}.
 */
public final class AuthInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.alation");
    private static final String HEADER = "TOKEN";
    private static final String WHAT = "the Alation TOKEN header";
    /** Enough of a 403 body to read its code; a longer body is not Alation's JSON. */
    private static final long PEEK_BYTES = 64 * 1024;

    private final HttpUrl base;
    private final ManagedAccessToken token;
    private final Runnable checkOpen;

    /**
     * Creates the interceptor.
     *
     * @param base the Alation base URL: only requests with its scheme, host and port get the token
     * @param token the managed token
     * @param checkOpen throws {@link IllegalStateException} once the client is closed
     */
    public AuthInterceptor(HttpUrl base, ManagedAccessToken token, Runnable checkOpen) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.checkOpen = Objects.requireNonNull(checkOpen, "checkOpen");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!OriginLock.sameOrigin(request.url(), base)
                || request.header(HEADER) != null
                || Endpoint.isTokenEndpoint(request.url().pathSegments())) {
            return chain.proceed(request);
        }
        Secret used = obtain(token::get);
        Response response = OriginLock.proceed(chain, withToken(request, used), base, WHAT);
        if (!rejectsToken(response)) {
            return response;
        }
        if (chain.connection() != null
                || (request.body() != null && request.body().isOneShot())) {
            // A network interceptor may proceed only once, and a one-shot body cannot be sent again.
            return response;
        }
        LOG.debug(
                "Alation: {} {} answered {}: replaying once with a new API access token",
                request.method(),
                request.url().encodedPath(),
                response.code());
        response.close();
        Secret fresh = obtain(() -> token.renewAfterRejection(used));
        return OriginLock.proceed(chain, withToken(request, fresh), base, WHAT);
    }

    private static Request withToken(Request request, Secret value) throws IOException {
        Request.Builder b = request.newBuilder();
        try {
            Credentials.setHeader(b, HEADER, value.reveal());
        } catch (CatalogKitException e) {
            throw new IOException("Alation: the API access token cannot be sent: " + e.getMessage(), e);
        }
        return b.build();
    }

    private Secret obtain(Supplier<Secret> mint) throws IOException {
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

    /**
     * Whether an answer says the token was not accepted: 401, or 403 with code {@code 403000} or
     * with a body that is not JSON (a genuine permission denial has a JSON body with another code).
     */
    static boolean rejectsToken(Response response) throws IOException {
        if (response.code() == 401) {
            return true;
        }
        if (response.code() != 403) {
            return false;
        }
        byte[] bytes = response.peekBody(PEEK_BYTES).bytes();
        if (bytes.length == 0) {
            return true;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return true;
        }
        if (body == null || body.isMissingNode()) {
            return true;
        }
        String code = Json.text(Json.field(body, "code"));
        return code != null && code.trim().equals("403000");
    }
}
