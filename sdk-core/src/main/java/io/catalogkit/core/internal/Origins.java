package io.catalogkit.core.internal;

import okhttp3.HttpUrl;

/** Where a credential may go: the origin (scheme, host and port) of the base URL it belongs to. */
public final class Origins {
    private Origins() {}

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
}
