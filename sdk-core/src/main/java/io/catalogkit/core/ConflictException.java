package io.catalogkit.core;

/**
 * 409: the resource is in a state that conflicts with the request.
 *
 * <p><b>In tests:</b> {@code ConflictException.of("a token with that name exists")}, or
 * {@code ConflictException.builder().path("/api/...").requestId("r-1").build()}; status 409,
 * method {@code GET} and path {@code /} unless set (see {@link ApiException}).
 */
public class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full message (operation, status, platform message, hint)
     * @param statusCode the HTTP status, or the status an in-body error states
     * @param requestId the request id, or null
     * @param errorCode the platform's own error code, or null
     * @param method the HTTP method of the failed request
     * @param path the URL path of the failed request
     */
    public ConflictException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message, statusCode, requestId, errorCode, method, path);
    }

    /**
     * An exception for a test: status 409, method {@code GET}, path {@code /}, no request id.
     *
     * @param message the message
     * @return the exception
     */
    public static ConflictException of(String message) {
        return builder().message(message).build();
    }

    /**
     * A builder for a test, starting from status 409 and the defaults described on {@link
     * ApiException}.
     *
     * @return the builder
     */
    public static ApiException.Builder<ConflictException> builder() {
        return new ApiException.Builder<>(409, ConflictException::new);
    }
}
