package io.catalogkit.core.internal;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor, the last before the wire: a request that carries one of the credential
 * headers catalogkit attaches goes only to the configured origin (scheme, host and port); anything
 * else is refused before a byte is written. catalogkit builds every URL from the base URL and
 * follows no redirect, so this never fires unless something below the application layer re-targets
 * a request.
 */
final class OriginGuard implements Interceptor {
    private final HttpUrl origin;
    private final List<String> credentialHeaders;

    /**
     * Creates the guard.
     *
     * @param origin the configured base URL
     * @param credentialHeaders the headers that carry credentials
     */
    OriginGuard(HttpUrl origin, List<String> credentialHeaders) {
        this.origin = origin;
        this.credentialHeaders = List.copyOf(credentialHeaders);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!OriginLock.sameOrigin(request.url(), origin)) {
            for (String h : credentialHeaders) {
                if (request.header(h) != null) {
                    throw new ProtocolException("catalogkit refused to send the " + h + " credential to "
                            + request.url().scheme() + "://" + request.url().host() + ":"
                            + request.url().port() + ", which is not the configured origin");
                }
            }
        }
        return chain.proceed(request);
    }
}
