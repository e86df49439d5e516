package io.catalogkit.core;

/**
 * 404, or a lookup the platform answers with nothing where something was required.
 *
 * <p><b>In tests:</b> {@code NotFoundException.of("no API token g1")}, or
 * {@code NotFoundException.builder().path("/api/...").requestId("r-1").build()}; status 404,
 * method {@code GET} and path {@code /} unless set (see {@link ApiException}).
 */
public class NotFoundException extends ApiException {
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
    public NotFoundException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message, statusCode, requestId, errorCode, method, path);
    }

    /**
     * An exception for a test: status 404, method {@code GET}, path {@code /}, no request id.
     *
     * @param message the message
     * @return the exception
     */
    public static NotFoundException of(String message) {
        return builder().message(message).build();
    }

    /**
     * A builder for a test, starting from status 404 and the defaults described on {@link
     * ApiException}.
     *
     * @return the builder
     */
    public static ApiException.Builder<NotFoundException> builder() {
        return new ApiException.Builder<>(404, NotFoundException::new);
    }
}
