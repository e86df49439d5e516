package io.catalogkit.benchmarks.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fleet simulation at its smallest, in real processes: two worker JVMs and a rotator JVM over
 * file stores, one rotation per platform, no lag.
 */
class FleetTest {
    @Test
    void aRotationPerPlatformLosesNoCallAcrossProcesses() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Fleet.Summary summary;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            summary = Fleet.run(
                    Options.parse("--workers=2", "--threads=1", "--rotations=1", "--interval=1s", "--warmup=1s"), out);
        }
        String report = printed.toString(StandardCharsets.UTF_8);

        assertThat(summary.processesOk()).as(report).isTrue();
        assertThat(summary.failed()).as(report).isZero();
        for (String p : Fleet.PLATFORMS) {
            Tally t = summary.totals().get(p);
            assertThat(summary.rotations()).as(report).containsEntry(p, 1);
            assertThat(t.calls).as(p + " calls\n" + report).isPositive();
            // every worker met the rotation: its held value was refused, it read the store again,
            // found the new value and sent again (nothing failed)
            assertThat(t.resolved).as(p + " refusals resolved\n" + report).isGreaterThanOrEqualTo(2);
            assertThat(t.authFailed).as(p + " refusals not resolved\n" + report).isZero();
            assertThat(t.reads).as(p + " store reads\n" + report).isGreaterThanOrEqualTo(4);
        }
        assertThat(summary.totals().get("alation").mints)
                .as("Alation workers mint from the store's value\n" + report)
                .isGreaterThanOrEqualTo(4);
        assertThat(summary.passed()).as(report).isTrue();
        assertThat(report).contains("PASS: no call failed");
    }
}
