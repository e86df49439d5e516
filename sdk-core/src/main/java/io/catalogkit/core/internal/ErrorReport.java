package io.catalogkit.core.internal;

import java.time.Duration;

/**
 * What an error answer said, before it becomes an exception: from an HTTP error status and its
 * body, or from an error a platform reports inside a 2xx body.
 *
 * @param status the HTTP status, or the status the body states
 * @param errorCode the platform's own code, or null
 * @param message the platform's message (untrusted; cleaned before use), or null
 * @param requestId the request id, or null
 * @param retryAfter the delay a 429/503 asked for, or null
 */
public record ErrorReport(int status, String errorCode, String message, String requestId, Duration retryAfter) {
    /**
     * A report with only a status and a message.
     *
     * @param status the status
     * @param errorCode the code, or null
     * @param message the message, or null
     * @return the report
     */
    public static ErrorReport of(int status, String errorCode, String message) {
        return new ErrorReport(status, errorCode, message, null, null);
    }

    /**
     * The same report with a request id filled in where it had none.
     *
     * @param fallback the id to use when none is known
     * @return the report
     */
    public ErrorReport withRequestIdIfAbsent(String fallback) {
        return requestId != null ? this : new ErrorReport(status, errorCode, message, fallback, retryAfter);
    }
}
