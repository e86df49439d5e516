package io.catalogkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One run's context: the environment, the two output streams, whether to show progress, and every
 * secret the run has seen, so that no message it prints can carry one.
 */
final class Session {
    private static final String REDACTED = "[redacted]";

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progress;
    private final boolean debug;
    private final List<String> secrets;
    private final List<Callable<String>> lazySecrets;
    private String platform = "catalogkit";

    Session(Map<String, String> env, PrintWriter out, PrintWriter err, boolean progress, boolean debug) {
        this(env, out, err, progress, debug, new ArrayList<>(), new ArrayList<>());
    }

    private Session(
            Map<String, String> env,
            PrintWriter out,
            PrintWriter err,
            boolean progress,
            boolean debug,
            List<String> secrets,
            List<Callable<String>> lazySecrets) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.debug = debug;
        this.secrets = secrets;
        this.lazySecrets = lazySecrets;
    }

    /**
     * The same run over another environment (the demo's fakes), sharing the secrets to hide.
     *
     * @param otherEnv the environment
     * @return the session
     */
    synchronized Session withEnv(Map<String, String> otherEnv) {
        Session s = new Session(Map.copyOf(otherEnv), out, err, progress, debug, secrets, lazySecrets);
        s.platform = platform;
        return s;
    }

    Map<String, String> env() {
        return env;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean debug() {
        return debug;
    }

    /** The platform the running command works on, named in its failure message. */
    String platform() {
        return platform;
    }

    void platform(String name) {
        this.platform = name;
    }

    /**
     * A line of progress on standard error, when it is a terminal and {@code --quiet} was not given.
     *
     * @param line what was done, e.g. {@code "Atlan: page 2, 200 tokens listed"}
     */
    void progress(String line) {
        if (progress) {
            err.println(line);
            err.flush();
        }
    }

    /** Whether progress lines are shown. */
    boolean showsProgress() {
        return progress;
    }

    /** A secret this run holds (a credential, a new token): it never reaches a message. */
    synchronized void secret(String value) {
        if (value != null && !value.isBlank()) {
            secrets.add(value);
        }
    }

    /** A secret read only if a message must be cleaned (a credential file). */
    synchronized void secret(Callable<String> value) {
        lazySecrets.add(value);
    }

    /**
     * The text with every secret this run has seen replaced, for anything printed on failure.
     *
     * @param text a message or a stack trace
     * @return the text without secrets
     */
    synchronized String redact(String text) {
        List<String> all = new ArrayList<>(secrets);
        for (Callable<String> lazy : lazySecrets) {
            try {
                all.add(lazy.call());
            } catch (Exception unreadable) {
                // a store that cannot be read has no value to hide
            }
        }
        String clean = text;
        for (String s : all) {
            if (s != null && !s.isBlank()) {
                clean = clean.replace(s, REDACTED);
                String trimmed = s.strip();
                if (!trimmed.isEmpty()) {
                    clean = clean.replace(trimmed, REDACTED);
                }
            }
        }
        return clean;
    }
}
