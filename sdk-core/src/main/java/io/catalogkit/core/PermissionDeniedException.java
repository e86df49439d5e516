package io.catalogkit.core;

/**
 * 403: the credentials are valid but may not do this.
 *
 * <p><b>In tests:</b> {@code PermissionDeniedException.of("the token may not do this")}, or
 * {@code PermissionDeniedException.builder().path("/api/...").requestId("r-1").build()}; status
 * 403, method {@code GET} and path {@code /} unless set (see {@link ApiException}).
 */
public class PermissionDeniedException extends ApiException {
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
    public PermissionDeniedException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message, statusCode, requestId, errorCode, method, path);
    }

    /**
     * An exception for a test: status 403, method {@code GET}, path {@code /}, no request id.
     *
     * @param message the message
     * @return the exception
     */
    public static PermissionDeniedException of(String message) {
        return builder().message(message).build();
    }

    /**
     * A builder for a test, starting from status 403 and the defaults described on {@link
     * ApiException}.
     *
     * @return the builder
     */
    public static ApiException.Builder<PermissionDeniedException> builder() {
        return new ApiException.Builder<>(403, PermissionDeniedException::new);
    }
}
