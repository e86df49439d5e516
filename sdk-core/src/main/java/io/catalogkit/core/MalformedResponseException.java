package io.catalogkit.core;

/**
 * The server answered 2xx with a body that is not what the platform sends: not JSON (an HTML
 * login page, a proxy's page), or JSON of the wrong shape. Usually the base URL points at the
 * wrong place. The message names the operation, the content type and what was missing; it never
 * quotes the body.
 *
 * <p><b>In tests</b> its constructor is the one-line form: {@code new
 * MalformedResponseException("expected JSON, got text/html")}.
 */
public class MalformedResponseException extends CatalogKitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected and what came instead
     */
    public MalformedResponseException(String message) {
        super(message);
    }
}
