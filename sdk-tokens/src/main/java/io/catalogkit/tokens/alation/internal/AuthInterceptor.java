package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Origins;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application half of Alation's authentication in a caller's OkHttp client: it chooses the
 * managed API access token for each request to the Alation instance (same scheme, host and port as
 * the base URL), and when the answer says the token was not accepted (401, or 403 whose body has
 * code {@code 403000} or is not JSON), it gets a new token (one mint shared by every waiting thread,
 * none when another thread already replaced the token) and replays the request once; whatever comes
 * then is returned as it is. It never turns a status into an exception.
 *
 * <p>Where the token goes on the wire: paired with {@link TokenHeader} (a network interceptor, as
 * {@code AlationClient.installOn} installs them), the network half puts it only on the hops to the
 * Alation origin, so that a redirect elsewhere is followed without it. Alone, it puts the token on
 * the request itself and watches the call's follow-up decisions (an OkHttp {@link EventListener}
 * added to the call): a follow-up that would carry the token to another origin is cancelled before
 * anything is sent there, and the call fails. Added as a network interceptor, it acts as {@link
 * TokenHeader} (no replay is possible there).
 *
 * <p>Left alone: requests to other hosts, requests that already carry a {@code TOKEN} header, and
 * Alation's token endpoints (which take their credentials in the body). Requests with a one-shot
 * body are not replayed. Whatever goes wrong in it (a failed mint, a closed client, a minted value
 * that cannot go in a header, a follow-up refused) is an {@link IOException} whose cause is a {@link
 * CatalogKitException}, and an OkHttp or Okio {@link RuntimeException} below it (a {@code
 * Retry-After} OkHttp cannot read, a negative {@code Content-Length}) an {@link IOException} too,
 * so that asynchronous calls see {@code onFailure}.
 */
public final class AuthInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.alation");
    /** Enough of a 403 body to read its code; a longer body is not Alation's JSON. */
    private static final long PEEK_BYTES = 64 * 1024;

    private final HttpUrl base;
    private final ManagedAccessToken token;
    private final Runnable checkOpen;
    /** The network half: installed beside this one when paired, run in its place otherwise. */
    private final TokenHeader network;

    private final boolean paired;

    /**
     * Creates the interceptor.
     *
     * @param base the Alation base URL: only requests with its scheme, host and port get the token
     * @param token the managed token
     * @param checkOpen throws {@link IllegalStateException} once the client is closed
     * @param network the network half
     * @param paired whether {@code network} is installed as a network interceptor of the same client
     */
    public AuthInterceptor(
            HttpUrl base, ManagedAccessToken token, Runnable checkOpen, TokenHeader network, boolean paired) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.checkOpen = Objects.requireNonNull(checkOpen, "checkOpen");
        this.network = Objects.requireNonNull(network, "network");
        this.paired = paired;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (chain.connection() != null) {
            // Added with addNetworkInterceptor: each request that leaves is handled on its own.
            return network.intercept(chain);
        }
        Request request = chain.request();
        if (!Origins.sameOrigin(request.url(), base)
                || request.header(TokenHeader.HEADER) != null
                || AlationApi.isTokenEndpoint(request.url().pathSegments())) {
            return proceed(chain, request, null);
        }
        Secret used = TokenHeader.obtain(checkOpen, token::get);
        Response response = proceed(chain, request, used);
        if (!rejectsToken(response)) {
            return response;
        }
        if (request.body() != null && request.body().isOneShot()) {
            return response; // a one-shot body cannot be sent again
        }
        LOG.debug(
                "Alation: {} {} answered {}: replaying once with a new API access token",
                request.method(),
                request.url().encodedPath(),
                response.code());
        response.close();
        Secret fresh = TokenHeader.obtain(checkOpen, () -> token.renewAfterRejection(used));
        return proceed(chain, request, fresh);
    }

    /**
     * Proceeds with the request and the token chosen for it (none: as it is), turning whatever OkHttp
     * throws into an {@link IOException}.
     */
    private Response proceed(Chain chain, Request request, Secret chosen) throws IOException {
        FollowUpWatch watch = null;
        if (chosen != null) {
            Request.Builder b = request.newBuilder().tag(TokenHeader.Chosen.class, new TokenHeader.Chosen(chosen));
            request = b.build();
            if (!paired) {
                request = TokenHeader.withToken(request, chosen);
                watch = new FollowUpWatch(base);
                chain.call().addEventListener(watch);
            }
        }
        try {
            return TokenHeader.refuseUnreadable(chain.proceed(request));
        } catch (IOException e) {
            if (watch != null && watch.refused != null) {
                CatalogKitException cause = watch.refusal();
                throw new IOException(cause.getMessage(), cause);
            }
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(
                    "OkHttp failed with " + e.getClass().getSimpleName() + " on an answer it could not read", e);
        } finally {
            if (watch != null) {
                watch.over = true;
            }
        }
    }

    /**
     * Watches the follow-up decisions of one call whose request carries the token: one that would
     * carry it to another origin is cancelled, which OkHttp checks before it sends the follow-up.
     */
    private static final class FollowUpWatch extends EventListener {
        private final HttpUrl origin;
        /** Where a refused follow-up would have gone; written and read on the calling thread. */
        volatile HttpUrl refused;
        /** Set once the exchange it watched is over (a listener cannot be removed from a call). */
        volatile boolean over;

        FollowUpWatch(HttpUrl origin) {
            this.origin = origin;
        }

        @Override
        public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
            if (!over
                    && nextRequest != null
                    && nextRequest.header(TokenHeader.HEADER) != null
                    && !Origins.sameOrigin(nextRequest.url(), origin)) {
                refused = nextRequest.url();
                call.cancel();
            }
        }

        CatalogKitException refusal() {
            HttpUrl to = refused;
            return new CatalogKitException("catalogkit refused to follow a redirect that would carry the Alation TOKEN"
                    + " header from " + origin.scheme() + "://" + origin.host() + ":" + origin.port() + " to "
                    + to.scheme() + "://" + to.host() + ":" + to.port() + "; nothing was sent there. Install the"
                    + " interceptors with AlationClient.installOn(builder) to follow such redirects without the"
                    + " token, or point the base URL at the host that answers");
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
