package io.catalogkit.tokens;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to {@code System.err} (where slf4j-simple logs in tests) while open,
 * so tests can assert that no secret reaches a log line.
 */
public final class StderrCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** Starts capturing. */
    public StderrCapture() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /**
     * What was written so far.
     *
     * @return the text
     */
    public String text() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Stops capturing. */
    @Override
    public void close() {
        System.setErr(original);
    }
}
