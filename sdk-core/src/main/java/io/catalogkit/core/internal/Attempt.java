package io.catalogkit.core.internal;

/**
 * What the network layer learns about one attempt, carried as the tag of the OkHttp request: whether
 * it reached the network, how many network requests OkHttp made for it, and the {@code Retry-After}
 * that was taken off its answer. Written on the sending thread (where OkHttp also runs the network
 * interceptor of a synchronous call), read after the call returns.
 */
final class Attempt {
    /** A read timeout for this attempt in ms, replacing the client's; 0 keeps the client's. */
    final int readTimeoutMillis;

    private volatile boolean sent;
    private volatile int networkRequests;
    private volatile String retryAfter;

    Attempt(int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Counts a network request and marks the attempt sent; returns the count including this one. */
    int networkRequest() {
        sent = true;
        return ++networkRequests;
    }

    boolean sent() {
        return sent;
    }

    void retryAfter(String value) {
        this.retryAfter = value;
    }

    /** The raw {@code Retry-After} of the answer, or null. */
    String retryAfter() {
        return retryAfter;
    }
}
