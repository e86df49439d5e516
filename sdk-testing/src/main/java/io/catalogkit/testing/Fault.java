package io.catalogkit.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure a fake answers with instead of (or after) handling a request, for testing retries,
 * timeouts and error handling. Made by the static factories; pass to {@link
 * FakeServer#failNext(int, Fault)}.
 */
public final class Fault {
    enum Kind {
        STATUS,
        DISCONNECT,
        SLOW
    }

    final Kind kind;
    final int status;
    final String retryAfter;
    final String contentType;
    final String body;
    final Duration delay;
    final boolean afterHandling;

    private Fault(
            Kind kind,
            int status,
            String retryAfter,
            String contentType,
            String body,
            Duration delay,
            boolean afterHandling) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.contentType = contentType;
        this.body = body;
        this.delay = delay;
        this.afterHandling = afterHandling;
    }

    /**
     * Answer with this status and an empty JSON object.
     *
     * @param status the HTTP status
     * @return the fault
     */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, "application/json", "{}", null, false);
    }

    /**
     * Answer with this status and a {@code Retry-After} header (seconds or an HTTP date).
     *
     * @param status the HTTP status, e.g. 429 or 503
     * @param retryAfter the header value
     * @return the fault
     */
    public static Fault status(int status, String retryAfter) {
        return new Fault(
                Kind.STATUS, status, Objects.requireNonNull(retryAfter), "application/json", "{}", null, false);
    }

    /**
     * Answer with this status and body.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param body the body
     * @return the fault
     */
    public static Fault body(int status, String contentType, String body) {
        return new Fault(Kind.STATUS, status, null, contentType, body, null, false);
    }

    /**
     * Answer with an HTML page, as a proxy or login page would.
     *
     * @param status the HTTP status
     * @return the fault
     */
    public static Fault html(int status) {
        return body(status, "text/html; charset=utf-8", "<html><body><h1>Sign in</h1></body></html>");
    }

    /**
     * Close the connection without answering.
     *
     * @return the fault
     */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, null, null, null, null, false);
    }

    /**
     * Handle the request, but send the answer's headers only after a delay.
     *
     * @param delay how long to hold the answer
     * @return the fault
     */
    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 0, null, null, null, Objects.requireNonNull(delay), true);
    }

    /**
     * The same fault, but only after the fake has handled the request: the state changes (a token
     * is created, say) and the caller still sees the failure.
     *
     * @return the fault
     */
    public Fault afterHandling() {
        return new Fault(kind, status, retryAfter, contentType, body, delay, true);
    }
}
