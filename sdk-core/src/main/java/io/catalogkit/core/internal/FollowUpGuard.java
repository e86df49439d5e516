package io.catalogkit.core.internal;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that lets exactly one network request through per attempt. OkHttp makes
 * follow-up requests of its own below the application layer (redirects, auth challenges, 408, a
 * 503 with {@code Retry-After: 0}, a 421 on a coalesced HTTP/2 connection); catalogkit switches off
 * or hides what it can, and this guard fails loudly on anything left, so that nothing is ever sent
 * twice behind the retry policy's back. The first request of an attempt also marks it as sent: from
 * then on it may have reached the server.
 */
final class FollowUpGuard implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Attempt attempt = chain.request().tag(Attempt.class);
        if (attempt != null && attempt.networkRequest() > 1) {
            throw new FollowUpRefused();
        }
        return chain.proceed(chain.request());
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
