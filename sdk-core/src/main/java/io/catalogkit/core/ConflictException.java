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

    /**
     * Not for this type: {@link ApiException#builder(int)} is reachable through this class's name,
     * but would build a plain {@link ApiException}. Refused, naming the builder to use.
     *
     * @param statusCode the status asked for
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #builder()} (status 409; its {@code statusCode(...)} sets another), or
     *     {@code ApiException.builder(statusCode)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException.Builder<ApiException> builder(int statusCode) {
        throw ApiException.notThisType("ConflictException", "builder", 409, statusCode);
    }

    /**
     * Not for this type: {@link ApiException#of(int, String)} is reachable through this class's
     * name, but would make a plain {@link ApiException}. Refused, naming the method to use.
     *
     * @param statusCode the status asked for
     * @param message the message
     * @return never
     * @throws IllegalArgumentException always
     * @deprecated use {@link #of(String)} (status 409), or {@code ApiException.of(statusCode,
     *     message)} for a plain {@link ApiException}
     */
    @Deprecated
    public static ApiException of(int statusCode, String message) {
        throw ApiException.notThisType("ConflictException", "of", 409, statusCode);
    }
}
