package io.catalogkit.core;

/**
 * Base of every exception catalogkit throws, except {@link IllegalArgumentException} and {@link
 * NullPointerException} for bad arguments (thrown before any request is sent).
 *
 * <p>Messages never contain a secret.
 *
 * <p><b>In tests</b> its constructors are the one-line form, e.g. {@code new
 * CatalogKitException("several tokens are named nightly")}; each subclass has a short factory (see
 * {@link ApiException} and {@link TransportException#of(String, boolean)}).
 */
public class CatalogKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and, where known, how to fix it
     */
    public CatalogKitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong and, where known, how to fix it
     * @param cause the underlying failure
     */
    public CatalogKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
