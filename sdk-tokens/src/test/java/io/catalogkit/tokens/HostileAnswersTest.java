package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile answers over every public operation of the three clients (see {@link Hostile}).
 * Each case must end, with a result or a {@link io.catalogkit.core.CatalogKitException} only; a
 * result must invent no id or secret; no secret may appear in a message, a stack trace or a {@code
 * toString()}. Sized by {@code -Dcatalogkit.hostile.cases} (default 250, 1,000 with {@code -Pfull-suites}; the full run is 10,000)
 * and {@code -Dcatalogkit.hostile.seed} (the first case's seed; a failure names its own seed to
 * replay with {@code -Dcatalogkit.hostile.cases=1}).
 */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class HostileAnswersTest {
    static final int CASES = Integer.getInteger("catalogkit.hostile.cases", 250);
    static final long SEED = Long.getLong("catalogkit.hostile.seed", 20260301L);

    @Test
    void everyOperationSurvivesHostileAnswers() throws Exception {
        List<String> failures = new ArrayList<>();
        String log;
        Hostile h;
        long started = System.nanoTime();
        try (StderrCapture captured = new StderrCapture()) {
            h = new Hostile(EnumSet.allOf(Hostile.Kind.class));
            try (h) {
                for (int i = 0; i < CASES; i++) {
                    Optional<String> f = h.run(SEED + i);
                    f.ifPresent(failures::add);
                    if (failures.size() >= 20) {
                        break;
                    }
                }
            }
            log = captured.text();
        }
        List<String> leaked = new ArrayList<>();
        for (String s : h.allSecrets) {
            if (log.contains(s)) {
                leaked.add("a secret (" + s.length() + " chars) is in the log");
            }
        }
        System.out.printf(
                "hostile answers: %d cases (seed %d), %d with a hostile answer, %d results, %d exceptions,"
                        + " %d strings and %d log lines scanned, %d s; by kind %s%n",
                h.cases,
                SEED,
                h.mutated,
                h.successes,
                h.exceptions,
                h.scannedStrings,
                log.lines().count(),
                (System.nanoTime() - started) / 1_000_000_000L,
                byKind(h));
        assertThat(failures).as("hostile-answer failures").isEmpty();
        assertThat(leaked).as("secrets in the log").isEmpty();
        assertThat(h.cases).isEqualTo(CASES);
    }

    static String byKind(Hostile h) {
        StringBuilder b = new StringBuilder();
        for (Hostile.Kind k : Hostile.Kind.values()) {
            b.append(k)
                    .append('=')
                    .append(h.byKind[k.ordinal()])
                    .append(" (")
                    .append(h.millisByKind[k.ordinal()])
                    .append(" ms) ");
        }
        return b.toString().trim();
    }
}
