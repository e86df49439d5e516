package io.catalogkit.core;

import java.util.Optional;

/**
 * The server answered with an error: an HTTP error status, or an error reported inside a
 * successful answer (a GraphQL {@code errors} array, an Alation {@code "status": "failed"}).
 *
 * <p>The subclasses name the common cases; catch {@code ApiException} for the rest. The message
 * names the operation, the status, the platform's own message and a hint; it never contains a
 * secret.
 */
public class ApiException extends CatalogKitException {
    private static final long serialVersionUID = 1L;

    /** See {@link #statusCode()}. */
    private final int statusCode;
    /** See {@link #requestId()}. */
    private final String requestId;
    /** See {@link #errorCode()}. */
    private final String errorCode;
    /** See {@link #method()}. */
    private final String method;
    /** See {@link #path()}. */
    private final String path;

    /**
     * Creates an exception describing an error answer.
     *
     * @param message the full message (operation, status, platform message, hint)
     * @param statusCode the HTTP status, or the status an in-body error states
     * @param requestId the request id, or null when none is known
     * @param errorCode the platform's own error code, or null
     * @param method the HTTP method of the failed request
     * @param path the URL path of the failed request
     */
    public ApiException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message);
        this.statusCode = statusCode;
        this.requestId = requestId;
        this.errorCode = errorCode;
        this.method = method;
        this.path = path;
    }

    /**
     * The HTTP status; for an error reported inside a 2xx body, the status that body states, else
     * the status this exception type stands for.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The request id from the response headers, else from the error body, else the id catalogkit
     * sent.
     *
     * @return the request id, if any
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The platform's own error code, e.g. Alation {@code 401000}, Atlan {@code ATLAS-404-00-005},
     * DataHub {@code UNAUTHORIZED}.
     *
     * @return the code, if the platform sent one
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The HTTP method of the failed request.
     *
     * @return e.g. {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The URL path of the failed request (no query string).
     *
     * @return e.g. {@code /api/service/apikeys}
     */
    public String path() {
        return path;
    }
}
