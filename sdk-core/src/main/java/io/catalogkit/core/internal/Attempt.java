package io.catalogkit.core.internal;

import java.util.concurrent.TimeUnit;

/**
 * What the network layer learns about one attempt, carried as the tag of the OkHttp request: whether
 * it reached the network, how many network requests OkHttp made for it, and the {@code Retry-After}
 * that was taken off its answer, and the timeouts its exchange is held to. Written on the sending
 * thread (where OkHttp also runs the network interceptor of a synchronous call), read after the call
 * returns.
 */
final class Attempt {
    /** A read timeout for this attempt in ms, replacing the client's; 0 keeps the client's. */
    final int readTimeoutMillis;

    /** What ends this attempt's exchange in time; set by the sender before the call. */
    Deadlines.Watch watch;
    /** The read timeout in force, in ms and in ns; set by the sender with the watch. */
    int readMillis;

    long readNanos;
    /** The write timeout in force, in ns; set by the sender with the watch. */
    long writeNanos;

    private volatile boolean sent;
    private volatile int networkRequests;
    private volatile String retryAfter;

    Attempt(int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Sets what the network interceptor holds the exchange to. */
    void timeouts(Deadlines.Watch watch, int readMillis, long writeNanos) {
        this.watch = watch;
        this.readMillis = readMillis;
        this.readNanos = TimeUnit.MILLISECONDS.toNanos(readMillis);
        this.writeNanos = writeNanos;
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
