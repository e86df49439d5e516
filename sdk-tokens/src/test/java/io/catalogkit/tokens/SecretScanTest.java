package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drives every public operation of the three clients with catalogkit logging at TRACE (the test
 * binding, slf4j-simple, writes to the captured stderr) against answers that are valid, that echo
 * the client's secrets in body, headers, content type and error fields, and that fail with any
 * status; then looks for every secret the clients held in every log line, exception message and
 * stack trace, {@code toString()} and serialized model. Sized by {@code
 * -Dcatalogkit.secretscan.rounds} (default 1 round of every operation and kind, 4 with {@code
 * -Pfull-suites}).
 */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class SecretScanTest {
    static final int ROUNDS = Integer.getInteger("catalogkit.secretscan.rounds", 1);
    static final long SEED = Long.getLong("catalogkit.hostile.seed", 20260301L);

    @Test
    void noSecretInAnyLogLineMessageStackTraceOrToString() throws Exception {
        EnumSet<Hostile.Kind> kinds = EnumSet.of(Hostile.Kind.VALID, Hostile.Kind.ECHO, Hostile.Kind.STATUS);
        List<String> failures = new ArrayList<>();
        String log;
        Hostile h;
        try (StderrCapture captured = new StderrCapture()) {
            h = new Hostile(kinds);
            try (h) {
                long seed = SEED;
                for (int round = 0; round < ROUNDS; round++) {
                    for (Hostile.Op op : h.ops) {
                        for (Hostile.Kind kind : kinds) {
                            h.run(seed++, op, kind).ifPresent(failures::add);
                        }
                    }
                }
            }
            log = captured.text();
        }
        List<String> lines = log.lines().toList();
        int found = 0;
        for (String line : lines) {
            for (String s : h.allSecrets) {
                if (line.contains(s)) {
                    found++;
                    failures.add("log line holds a secret: " + line.replace(s, "<SECRET>"));
                }
            }
        }
        System.out.printf(
                "secret scan: %d operations x %d kinds x %d rounds = %d cases, %d secrets looked for,"
                        + " %d strings (messages, stack traces, toString, JSON) and %d log lines scanned,"
                        + " %d secrets found%n",
                h.ops.size(),
                kinds.size(),
                ROUNDS,
                h.cases,
                h.allSecrets.size(),
                h.scannedStrings,
                lines.size(),
                found);
        assertThat(log)
                .as("catalogkit logged at DEBUG/TRACE during the scan, so there were lines to look at")
                .contains("DEBUG io.catalogkit");
        assertThat(h.allSecrets).hasSizeGreaterThan(10);
        assertThat(failures).isEmpty();
    }
}
