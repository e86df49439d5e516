package io.catalogkit.core;

/**
 * 5xx: the server failed (after catalogkit's retries, where the call was safe to repeat).
 *
 * <p><b>In tests:</b> {@code ServerException.of("the catalog is down")}, or
 * {@code ServerException.builder().path("/api/...").requestId("r-1").build()}; status 500, method
 * {@code GET} and path {@code /} unless set (see {@link ApiException}).
 */
public class ServerException extends ApiException {
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
    public ServerException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message, statusCode, requestId, errorCode, method, path);
    }

    /**
     * An exception for a test: status 500, method {@code GET}, path {@code /}, no request id.
     *
     * @param message the message
     * @return the exception
     */
    public static ServerException of(String message) {
        return builder().message(message).build();
    }

    /**
     * A builder for a test, starting from status 500 and the defaults described on {@link
     * ApiException}.
     *
     * @return the builder
     */
    public static ApiException.Builder<ServerException> builder() {
        return new ApiException.Builder<>(500, ServerException::new);
    }

    /**
     * Not for this type: {@link ApiException#builder(int)} is reachable through this class's name,
     * but would build a plain {@link ApiException}. Refused, naming the builder to use.
     *
     * @param statusCode the status asked for
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #builder()} (status 500; its {@code statusCode(...)} sets another), or
     *     {@code ApiException.builder(statusCode)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException.Builder<ApiException> builder(int statusCode) {
        throw ApiException.notThisType("ServerException", "builder", 500, statusCode);
    }

    /**
     * Not for this type: {@link ApiException#of(int, String)} is reachable through this class's
     * name, but would make a plain {@link ApiException}. Refused, naming the method to use.
     *
     * @param statusCode the status asked for
     * @param message the message
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #of(String)} (status 500), or {@code ApiException.of(statusCode,
     *     message)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException of(int statusCode, String message) {
        throw ApiException.notThisType("ServerException", "of", 500, statusCode);
    }
}
