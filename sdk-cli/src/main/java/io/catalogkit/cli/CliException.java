package io.catalogkit.cli;

/**
 * A failure the command line explains itself: its message is the whole line after {@code
 * catalogkit: }, naming the platform and what to do, and never holds a secret.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * A failed operation (exit status 1).
     *
     * @param message e.g. {@code "Atlan: no API token with GUID ...; list them with 'catalogkit atlan list'"}
     */
    CliException(String message) {
        this(message, Main.FAILED, null);
    }

    /**
     * A failed operation with its cause, shown under {@code --debug}.
     *
     * @param message the line
     * @param cause what failed
     */
    CliException(String message, Throwable cause) {
        this(message, Main.FAILED, cause);
    }

    CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
