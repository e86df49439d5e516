package io.catalogkit.core;

/** 401, or an authentication failure the platform reports otherwise: the credentials are missing, wrong, expired or revoked. */
public class AuthenticationException extends ApiException {
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
    public AuthenticationException(
            String message, int statusCode, String requestId, String errorCode, String method, String path) {
        super(message, statusCode, requestId, errorCode, method, path);
    }
}
