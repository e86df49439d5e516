package io.catalogkit.core.internal;

import io.catalogkit.core.CatalogKitException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keeps a credential that an interceptor put on a request on its origin (scheme, host and port) for
 * every network request OkHttp makes from it.
 *
 * <p>An application interceptor runs once per call, above OkHttp's follow-up logic: when the server
 * redirects, OkHttp copies every header but {@code Authorization} into the request for the new
 * host, and the interceptor never sees it. An application interceptor cannot switch redirects off,
 * but it can give the call its own cookie jar, and OkHttp asks the cookie jar for every network
 * request, follow-ups included, with that request's URL, before anything is written. This jar
 * passes through to the caller's own and refuses any URL of another origin, which ends the call
 * with an {@link IOException} whose cause is a {@link CatalogKitException}. As a network interceptor
 * the caller checks each request itself and this adds nothing.
 */
public final class OriginLock {
    private OriginLock() {}

    /**
     * Whether two URLs share scheme, host and port.
     *
     * @param a one URL
     * @param b the other
     * @return true when they have the same origin
     */
    public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.port() == b.port() && a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host());
    }

    /**
     * Proceeds with a request that carries a credential for {@code origin}, so that no network
     * request of this call carries it anywhere else.
     *
     * @param chain the interceptor chain
     * @param request the request, with the credential, to {@code origin}
     * @param origin where the credential may go
     * @param credential what the credential is, for the message (never its value), e.g. {@code "the
     *     TOKEN header"}
     * @return the answer
     * @throws IOException as {@link Interceptor.Chain#proceed} does, and when OkHttp tried to follow
     *     the request to another origin
     */
    public static Response proceed(Interceptor.Chain chain, Request request, HttpUrl origin, String credential)
            throws IOException {
        if (chain.connection() != null) {
            return chain.proceed(request);
        }
        return chain.withCookieJar(new Jar(chain.getCookieJar(), origin, credential))
                .proceed(request);
    }

    /** A follow-up to another origin was refused; the cause says why. */
    public static final class Refused extends ProtocolException {
        private static final long serialVersionUID = 1L;

        Refused(CatalogKitException cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    private static final class Jar implements CookieJar {
        private final CookieJar delegate;
        private final HttpUrl origin;
        private final String credential;

        Jar(CookieJar delegate, HttpUrl origin, String credential) {
            this.delegate = delegate;
            this.origin = origin;
            this.credential = credential;
        }

        @Override
        public List<Cookie> loadForRequest(HttpUrl url) {
            if (!sameOrigin(url, origin)) {
                throw OriginLock.<RuntimeException>sneakyThrow(new Refused(new CatalogKitException(
                        "catalogkit refused to follow a redirect that would carry " + credential + " from "
                                + origin.scheme() + "://" + origin.host() + ":" + origin.port() + " to "
                                + url.scheme() + "://" + url.host() + ":" + url.port()
                                + "; nothing was sent there")));
            }
            return delegate.loadForRequest(url);
        }

        @Override
        public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
            delegate.saveFromResponse(url, cookies);
        }
    }

    /**
     * Throws a checked exception from a method that cannot declare it: OkHttp (written in Kotlin)
     * propagates an {@link IOException} from its cookie jar like any other.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
