package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs the command line in-process, as {@link Main#main} does, with captured streams and a given
 * environment.
 */
final class Cli {
    private Cli() {}

    /** What a run did. */
    record Run(int exitCode, String out, String err) {
        /** Both streams, for assertions that no secret was printed anywhere. */
        String all() {
            return out + "\n" + err;
        }

        /** Asserts that none of the secrets appears on either stream. */
        Run printedNone(Secret... secrets) {
            for (Secret s : secrets) {
                assertThat(all()).as("a secret was printed").doesNotContain(s.reveal());
            }
            return this;
        }

        /** Asserts a failure: exit status 1 and one line {@code catalogkit: ...}, no stack trace. */
        Run failedWithOneLine() {
            assertThat(exitCode).as(all()).isEqualTo(1);
            assertThat(err.lines().toList()).as(err).hasSize(1);
            assertThat(err).startsWith("catalogkit: ").doesNotContain("\tat ").doesNotContain("Caused by");
            return this;
        }
    }

    static Run run(Map<String, String> env, String... args) {
        return run(env, false, args);
    }

    static Run run(Map<String, String> env, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, terminal, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String[] args(String... args) {
        return Arrays.copyOf(args, args.length);
    }
}
