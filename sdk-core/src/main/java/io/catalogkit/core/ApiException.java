package io.catalogkit.core;

import java.util.Optional;

/**
 * The server answered with an error: an HTTP error status, or an error reported inside a
 * successful answer (a GraphQL {@code errors} array, an Alation {@code "status": "failed"}).
 *
 * <p>The subclasses name the common cases; catch {@code ApiException} for the rest. The message
 * names the operation, the status, the platform's own message and a hint; it never contains a
 * secret.
 *
 * <p><b>In tests</b> that stub a service, build one in a line: {@code ApiException.of(400, "bad
 * filter")}, or {@code ApiException.builder(418).method("POST").path("/api/x").requestId("r-1")
 * .build()}; each subclass has its own {@code of(message)} and {@code builder()} (they refuse
 * {@code builder(int)} and {@code of(int, String)}, which would make a plain {@code ApiException}). What a test
 * leaves out gets a default: method {@code GET}, path {@code /}, no request id, no error code, and
 * a message naming the status, method and path. The SDK itself always fills every field.
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
     * An exception for a test, with the defaults described on this class.
     *
     * @param statusCode the HTTP status, 100 to 599
     * @param message the message
     * @return the exception
     */
    public static ApiException of(int statusCode, String message) {
        return builder(statusCode).message(message).build();
    }

    /**
     * A builder for a test, with the defaults described on this class.
     *
     * @param statusCode the HTTP status, 100 to 599
     * @return the builder
     */
    public static Builder<ApiException> builder(int statusCode) {
        return new Builder<>(statusCode, ApiException::new);
    }

    /** The refusal of {@code builder(int)} or {@code of(int, String)} called through a subclass's name. */
    static IllegalArgumentException notThisType(String type, String method, int own, int asked) {
        String plain = method.equals("builder") ? "builder(" + asked + ")" : "of(" + asked + ", message)";
        String typed = method.equals("builder") ? "builder()" : "of(message)";
        return new IllegalArgumentException(type + "." + plain + " is ApiException's and would make a plain"
                + " ApiException, not a " + type + ": use " + type + "." + typed + " (status " + own
                + (method.equals("builder") ? "; statusCode(...) sets another" : "") + "), or ApiException."
                + plain + " for a plain ApiException");
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

    /**
     * Builds an {@link ApiException} or one of its subclasses in one line, for tests; made by each
     * type's {@code builder()}. Unset fields get the defaults described on {@link ApiException}.
     *
     * @param <E> the exception type built
     */
    public static class Builder<E extends ApiException> {
        /** Makes the exception from the six fields; each type passes its constructor. */
        interface Factory<E> {
            E make(String message, int statusCode, String requestId, String errorCode, String method, String path);
        }

        private final Factory<E> factory;
        private String message;
        private int statusCode;
        private String requestId;
        private String errorCode;
        private String method = "GET";
        private String path = "/";

        Builder(int statusCode, Factory<E> factory) {
            this.factory = factory;
            statusCode(statusCode);
        }

        /**
         * The message (default: the status, method and path).
         *
         * @param message the message
         * @return this builder
         */
        public Builder<E> message(String message) {
            this.message = requireNonNull(message, "message");
            return this;
        }

        /**
         * The HTTP status (default: the one the exception type stands for).
         *
         * @param statusCode 100 to 599
         * @return this builder
         */
        public Builder<E> statusCode(int statusCode) {
            if (statusCode < 100 || statusCode > 599) {
                throw new IllegalArgumentException("statusCode must be 100 to 599, was " + statusCode);
            }
            this.statusCode = statusCode;
            return this;
        }

        /**
         * The request id (default: none).
         *
         * @param requestId the id, or null for none
         * @return this builder
         */
        public Builder<E> requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * The platform's own error code (default: none).
         *
         * @param errorCode the code, e.g. {@code ATLAS-404-00-005}, or null for none
         * @return this builder
         */
        public Builder<E> errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /**
         * The HTTP method of the failed request (default {@code GET}).
         *
         * @param method e.g. {@code POST}
         * @return this builder
         */
        public Builder<E> method(String method) {
            this.method = requireNonNull(method, "method");
            return this;
        }

        /**
         * The URL path of the failed request (default {@code /}).
         *
         * @param path e.g. {@code /api/service/apikeys}
         * @return this builder
         */
        public Builder<E> path(String path) {
            this.path = requireNonNull(path, "path");
            return this;
        }

        /**
         * Makes the exception.
         *
         * @return a new exception
         */
        public E build() {
            return factory.make(message(), statusCode, requestId, errorCode, method, path);
        }

        String message() {
            return message != null ? message : "the server answered " + statusCode + " to " + method + " " + path;
        }

        int statusCode() {
            return statusCode;
        }

        String requestId() {
            return requestId;
        }

        String errorCode() {
            return errorCode;
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }

        private static String requireNonNull(String value, String name) {
            return java.util.Objects.requireNonNull(value, name);
        }
    }
}
