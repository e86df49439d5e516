package io.catalogkit.core.internal;

import io.catalogkit.core.CatalogKitException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a helper program (a credential helper, a secret store's command line) the one way catalogkit
 * runs programs: without a shell, its error output discarded, bounded in time and in output, and
 * stopped with every process it started when it runs too long. Messages name the command (program
 * and arguments) and never hold anything the program wrote or read.
 */
public final class ProcessRunner {
    /** How long a helper may run unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The most standard output kept from a helper: a credential is far smaller. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private ProcessRunner() {}

    /**
     * What a program did.
     *
     * @param exitStatus its exit status
     * @param output its standard output (empty when it was not captured); never shown
     * @param inputRead false when it exited before taking all of the standard input it was given
     */
    public record Result(int exitStatus, byte[] output, boolean inputRead) {
        /**
         * The exit status and the size of the output, never the output.
         *
         * @return a description without content
         */
        @Override
        public String toString() {
            return "Result[exitStatus=" + exitStatus + ", output=" + output.length + " bytes]";
        }
    }

    /**
     * Checks a command given as a program and its arguments, and copies it.
     *
     * @param command the program and its arguments
     * @return the command as an unmodifiable list
     * @throws IllegalArgumentException when it names no program
     * @throws NullPointerException when it or one of its elements is null
     */
    public static List<String> argv(String... command) {
        Objects.requireNonNull(command, "command");
        List<String> argv = List.of(command); // rejects null elements
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("command must name a program, e.g. (\"vault\", \"kv\", \"get\", ...)");
        }
        return argv;
    }

    /**
     * The command for a message: the program and its arguments, an argument holding a space or
     * nothing in single quotes.
     *
     * @param argv the program and its arguments
     * @return e.g. {@code vault kv get -field=key secret/app}
     */
    public static String describe(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (b.length() > 0) {
                b.append(' ');
            }
            boolean quote = a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'');
            b.append(quote ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return b.toString();
    }

    /**
     * Runs a program and waits for it.
     *
     * @param argv the program and its arguments, run without a shell
     * @param stdin what to write to its standard input before closing it, or null for none (closed at
     *     once)
     * @param timeout how long it may run; then it and every process it started are stopped
     * @param maxOutput the most standard output to keep; 0 to discard its standard output
     * @return its exit status and output
     * @throws CatalogKitException naming the command when it cannot be started, runs too long, or
     *     writes more than {@code maxOutput} bytes
     * @throws InterruptedException when the calling thread is interrupted (the program is stopped)
     */
    public static Result run(List<String> argv, byte[] stdin, Duration timeout, int maxOutput)
            throws InterruptedException {
        List<String> cmd = List.copyOf(argv);
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        String name = describe(cmd);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(Redirect.DISCARD);
        if (maxOutput <= 0) {
            pb.redirectOutput(Redirect.DISCARD);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p;
        try {
            p = pb.start();
        } catch (IOException | SecurityException e) {
            throw new CatalogKitException(
                    "The command " + name + " could not be started: check that the program " + cmd.get(0)
                            + " is installed and on the PATH, or give its full path",
                    e);
        }
        AtomicBoolean inputRead = new AtomicBoolean(true);
        Thread writer = null;
        if (stdin == null) {
            closeQuietly(p.getOutputStream());
        } else {
            writer = daemon("catalogkit-helper-input", () -> {
                try (OutputStream out = p.getOutputStream()) {
                    out.write(stdin);
                } catch (IOException e) {
                    inputRead.set(false);
                }
            });
        }
        OutputReader reader = null;
        if (maxOutput > 0) {
            reader = new OutputReader(p, maxOutput);
            reader.thread = daemon("catalogkit-helper-output", reader);
        }
        try {
            if (!p.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                stop(p);
                throw new CatalogKitException("The command " + name + " did not finish within " + human(timeout)
                        + " and was stopped; check that it runs without asking for input");
            }
            if (reader != null) {
                reader.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                if (reader.overflow.get()) {
                    throw new CatalogKitException("The command " + name + " wrote more than " + maxOutput / 1024
                            + " KiB to its standard output and was stopped; it should print the credential alone");
                }
                if (reader.thread.isAlive()) {
                    closeQuietly(p.getInputStream());
                    throw new CatalogKitException("The command " + name + " exited, but a program it started kept"
                            + " its standard output open for longer than " + human(timeout));
                }
            }
            if (writer != null) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                if (writer.isAlive()) {
                    closeQuietly(p.getOutputStream());
                    inputRead.set(false);
                }
            }
        } catch (InterruptedException e) {
            stop(p);
            throw e;
        }
        return new Result(p.exitValue(), reader == null ? new byte[0] : reader.bytes(), inputRead.get());
    }

    /** Stops a process and every process it started, and waits briefly for it to be gone. */
    private static void stop(Process p) {
        List<ProcessHandle> descendants = new ArrayList<>();
        try {
            p.descendants().forEach(descendants::add);
        } catch (RuntimeException e) {
            // the process table could not be read: the process itself is still stopped
        }
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(p.getInputStream());
        closeQuietly(p.getOutputStream());
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** Reads a process's standard output up to a bound; past it, stops the process. */
    private static final class OutputReader implements Runnable {
        private final Process process;
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final AtomicBoolean overflow = new AtomicBoolean();
        private Thread thread;

        OutputReader(Process process, int max) {
            this.process = process;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (out) {
                        if (out.size() + n > max) {
                            overflow.set(true);
                            break;
                        }
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: what was read is kept
            }
            if (overflow.get()) {
                stop(process);
            }
        }

        byte[] bytes() {
            synchronized (out) {
                return out.toByteArray();
            }
        }
    }
}
