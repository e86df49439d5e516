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

    /**
     * Not for this type: {@link ApiException#builder(int)} is reachable through this class's name,
     * but would build a plain {@link ApiException}. Refused, naming the builder to use.
     *
     * @param statusCode the status asked for
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #builder()} (status 404; its {@code statusCode(...)} sets another), or
     *     {@code ApiException.builder(statusCode)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException.Builder<ApiException> builder(int statusCode) {
        throw ApiException.notThisType("NotFoundException", "builder", 404, statusCode);
    }

    /**
     * Not for this type: {@link ApiException#of(int, String)} is reachable through this class's
     * name, but would make a plain {@link ApiException}. Refused, naming the method to use.
     *
     * @param statusCode the status asked for
     * @param message the message
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #of(String)} (status 404), or {@code ApiException.of(statusCode,
     *     message)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException of(int statusCode, String message) {
        throw ApiException.notThisType("NotFoundException", "of", 404, statusCode);
    }
}
