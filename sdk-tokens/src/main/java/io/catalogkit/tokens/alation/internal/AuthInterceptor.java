package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp application interceptor that puts the managed API access token in the {@code TOKEN}
 * header of requests to the Alation instance, and only to it (same scheme, host and port as the
 * base URL). When the answer says the token was not accepted (401, or 403 whose body has code
 * {@code 403000} or is not JSON), it gets a new token (one mint shared by every waiting thread, none
 * when another thread already replaced the token) and replays the request once; whatever comes
 * then is returned as it is. It never turns a status into an exception; a failed mint is an
 * {@link IOException} whose cause is the {@link CatalogKitException}.
 *
 * <p>Left alone: requests to other hosts, requests that already carry a {@code TOKEN} header, and
 * Alation's token endpoints (which take their credentials in the body). Requests with a one-shot
 * body are not replayed. Installed as a network interceptor it adds the token but cannot replay.
 */
public final class AuthInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.alation");
    private static final String HEADER = "TOKEN";
    /** Enough of a 403 body to read its code; a longer body is not Alation's JSON. */
    private static final long PEEK_BYTES = 64 * 1024;

    private final HttpUrl base;
    private final ManagedAccessToken token;

    /**
     * Creates the interceptor.
     *
     * @param base the Alation base URL: only requests with its scheme, host and port get the token
     * @param token the managed token
     */
    public AuthInterceptor(HttpUrl base, ManagedAccessToken token) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!isAlation(request.url())
                || request.header(HEADER) != null
                || Endpoint.isTokenEndpoint(request.url().pathSegments())) {
            return chain.proceed(request);
        }
        Secret used = obtain(token::get);
        Response response = chain.proceed(withToken(request, used));
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
        return chain.proceed(withToken(request, fresh));
    }

    private boolean isAlation(HttpUrl url) {
        return url.scheme().equals(base.scheme())
                && url.host().equalsIgnoreCase(base.host())
                && url.port() == base.port();
    }

    private static Request withToken(Request request, Secret value) {
        return request.newBuilder().header(HEADER, value.reveal()).build();
    }

    private static Secret obtain(Supplier<Secret> mint) throws IOException {
        try {
            return mint.get();
        } catch (CatalogKitException e) {
            throw new IOException("Alation: could not get an API access token: " + e.getMessage(), e);
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
        ResponseBody peeked = response.peekBody(PEEK_BYTES);
        byte[] bytes = peeked.bytes();
        if (bytes.length == 0) {
            return true;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return true;
        }
        if (body == null || body.isMissingNode()) {
            return true;
        }
        JsonNode code = body.get("code");
        return code != null && code.isValueNode() && code.asText().trim().equals("403000");
    }
}
