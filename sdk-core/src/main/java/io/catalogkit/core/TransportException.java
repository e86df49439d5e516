package io.catalogkit.core;

/**
 * No usable answer came back: the connection failed, timed out or was reset, after any retries.
 *
 * <p>{@link #mayHaveReachedServer()} tells whether the server may have acted on the request. A
 * call that is not safe to repeat (a create, a mint) is never retried once that is true; the
 * message then says how to find out what happened.
 *
 * <p><b>In tests:</b> {@code TransportException.of("read timed out", true)} (no cause); the
 * constructor takes a cause too.
 */
public class TransportException extends CatalogKitException {
    private static final long serialVersionUID = 1L;

    /** See {@link #mayHaveReachedServer()}. */
    private final boolean mayHaveReachedServer;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do about it
     * @param mayHaveReachedServer whether the request may have reached the server
     * @param cause the I/O failure
     */
    public TransportException(String message, boolean mayHaveReachedServer, Throwable cause) {
        super(message, cause);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /**
     * An exception for a test, without a cause.
     *
     * @param message what failed
     * @param mayHaveReachedServer whether the request may have reached the server (true: the code
     *     under test must not assume the call did nothing)
     * @return the exception
     */
    public static TransportException of(String message, boolean mayHaveReachedServer) {
        return new TransportException(message, mayHaveReachedServer, null);
    }

    /**
     * Whether the request may have reached the server (false only when it surely did not, e.g.
     * the connection was refused).
     *
     * @return true when the server may have acted on the request
     */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
