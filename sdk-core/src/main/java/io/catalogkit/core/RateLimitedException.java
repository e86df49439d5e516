package io.catalogkit.core;

import java.time.Duration;
import java.util.Optional;

/** 429: the server asks the caller to slow down (after catalogkit's retries, where allowed). */
public class RateLimitedException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link #retryAfter()}. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message the full message (operation, status, platform message, hint)
     * @param statusCode the HTTP status (429)
     * @param requestId the request id, or null
     * @param errorCode the platform's own error code, or null
     * @param method the HTTP method of the failed request
     * @param path the URL path of the failed request
     * @param retryAfter the delay the server asked for, or null
     */
    public RateLimitedException(
            String message,
            int statusCode,
            String requestId,
            String errorCode,
            String method,
            String path,
            Duration retryAfter) {
        super(message, statusCode, requestId, errorCode, method, path);
        this.retryAfter = retryAfter;
    }

    /**
     * The delay the server asked for in {@code Retry-After}.
     *
     * @return the delay, if the server gave one
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
