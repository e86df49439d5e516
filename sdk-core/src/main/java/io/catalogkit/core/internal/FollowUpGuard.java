package io.catalogkit.core.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * catalogkit's one network interceptor, the last stage before the wire, with three jobs (one hop
 * in OkHttp's chain rather than three, as it runs on every call):
 *
 * <ul>
 *   <li>It lets exactly one network request through per attempt. OkHttp makes follow-up requests of
 *       its own below the application layer (redirects, auth challenges, 408, a 503 with {@code
 *       Retry-After: 0}, a 421 on a coalesced HTTP/2 connection); catalogkit switches off or hides
 *       what it can, and this guard fails loudly on anything left, so that nothing is ever sent twice
 *       behind the retry policy's back. The first request of an attempt also marks it as sent: from
 *       then on it may have reached the server.
 *   <li>A request that carries one of the credential headers catalogkit attaches goes only to the
 *       configured origin (scheme, host and port); anything else is refused before a byte is
 *       written. catalogkit builds every URL from the base URL and follows no redirect, so this
 *       never fires unless something below the application layer re-targets a request.
 *   <li>It takes {@code Retry-After} off every answer and keeps its value on the {@link Attempt} for
 *       the retry policy. OkHttp reads the header too: it re-sends a request answered 503 with
 *       {@code Retry-After: 0}, whatever the client's settings, and throws {@link
 *       NumberFormatException} for a value beyond {@code int}. Hidden here, below OkHttp's follow-up
 *       logic, the header reaches only catalogkit's own policy.
 * </ul>
 */
final class FollowUpGuard implements Interceptor {
    private final HttpUrl origin;
    private final String[] credentialHeaders;

    /**
     * Creates the guard.
     *
     * @param origin the configured base URL
     * @param credentialHeaders the headers that carry credentials
     */
    FollowUpGuard(HttpUrl origin, List<String> credentialHeaders) {
        this.origin = origin;
        this.credentialHeaders = credentialHeaders.toArray(new String[0]);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Attempt attempt = request.tag(Attempt.class);
        if (attempt != null && attempt.networkRequest() > 1) {
            throw new FollowUpRefused();
        }
        if (!Origins.sameOrigin(request.url(), origin)) {
            for (String h : credentialHeaders) {
                if (request.header(h) != null) {
                    throw new ProtocolException("catalogkit refused to send the " + h + " credential to "
                            + request.url().scheme() + "://" + request.url().host() + ":"
                            + request.url().port() + ", which is not the configured origin");
                }
            }
        }
        Response response = chain.proceed(request);
        if (attempt == null) {
            return response;
        }
        String value = response.header("Retry-After");
        if (value == null) {
            return response;
        }
        attempt.retryAfter(value);
        return response.newBuilder().removeHeader("Retry-After").build();
    }

    /** OkHttp tried to send a request again within one attempt; catalogkit refused. */
    static final class FollowUpRefused extends ProtocolException {
        private static final long serialVersionUID = 1L;

        FollowUpRefused() {
            super("OkHttp tried to send a follow-up request (a redirect, an auth challenge or a retry of its"
                    + " own) within one attempt; catalogkit refused it");
        }
    }
}
