package io.catalogkit.core;

import java.time.Duration;
import java.util.Optional;

/**
 * 429: the server asks the caller to slow down (after catalogkit's retries, where allowed).
 *
 * <p><b>In tests:</b> {@code RateLimitedException.of("slow down")}, or
 * {@code RateLimitedException.builder().retryAfter(Duration.ofSeconds(30)).build()}; status 429,
 * method {@code GET}, path {@code /} and no {@code Retry-After} unless set (see {@link
 * ApiException}).
 */
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
     * An exception for a test: status 429, method {@code GET}, path {@code /}, no request id and no
     * {@code Retry-After}.
     *
     * @param message the message
     * @return the exception
     */
    public static RateLimitedException of(String message) {
        return builder().message(message).build();
    }

    /**
     * A builder for a test, starting from status 429 and the defaults described on {@link
     * ApiException}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The delay the server asked for in {@code Retry-After}.
     *
     * @return the delay, if the server gave one
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Builds a {@link RateLimitedException} for a test: the setters of {@link ApiException.Builder}
     * plus the delay.
     */
    public static final class Builder extends ApiException.Builder<RateLimitedException> {
        private Duration retryAfter;

        Builder() {
            super(429, null);
        }

        /**
         * The delay the server asked for (default: none).
         *
         * @param retryAfter the delay, not negative, or null for none
         * @return this builder
         */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        @Override
        public Builder message(String message) {
            super.message(message);
            return this;
        }

        @Override
        public Builder statusCode(int statusCode) {
            super.statusCode(statusCode);
            return this;
        }

        @Override
        public Builder requestId(String requestId) {
            super.requestId(requestId);
            return this;
        }

        @Override
        public Builder errorCode(String errorCode) {
            super.errorCode(errorCode);
            return this;
        }

        @Override
        public Builder method(String method) {
            super.method(method);
            return this;
        }

        @Override
        public Builder path(String path) {
            super.path(path);
            return this;
        }

        @Override
        public RateLimitedException build() {
            return new RateLimitedException(
                    message(), statusCode(), requestId(), errorCode(), method(), path(), retryAfter);
        }
    }

    /**
     * Not for this type: {@link ApiException#builder(int)} is reachable through this class's name,
     * but would build a plain {@link ApiException}. Refused, naming the builder to use.
     *
     * @param statusCode the status asked for
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #builder()} (status 429; its {@code statusCode(...)} sets another), or
     *     {@code ApiException.builder(statusCode)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException.Builder<ApiException> builder(int statusCode) {
        throw ApiException.notThisType("RateLimitedException", "builder", 429, statusCode);
    }

    /**
     * Not for this type: {@link ApiException#of(int, String)} is reachable through this class's
     * name, but would make a plain {@link ApiException}. Refused, naming the method to use.
     *
     * @param statusCode the status asked for
     * @param message the message
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #of(String)} (status 429), or {@code ApiException.of(statusCode,
     *     message)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException of(int statusCode, String message) {
        throw ApiException.notThisType("RateLimitedException", "of", 429, statusCode);
    }
}
