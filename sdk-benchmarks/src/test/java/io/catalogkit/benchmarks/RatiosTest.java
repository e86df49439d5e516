package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatiosTest {
    @TempDir
    Path dir;

    private static String result(String benchmark, String mode, int threads, String side, double score, double error) {
        return "{\"benchmark\":\"io.catalogkit.benchmarks.jmh." + benchmark + "\",\"mode\":\"" + mode
                + "\",\"threads\":" + threads + ",\"params\":{\"side\":\"" + side + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\""
                + (mode.equals("thrpt") ? "ops/s" : "us/op") + "\"}}";
    }

    @Test
    void pairsTheSidesOfEachBenchmark() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(
                file,
                "["
                        + String.join(
                                ",",
                                result("SingleThread.atlanList", "avgt", 1, "catalogkit", 120, 5),
                                result("SingleThread.atlanList", "avgt", 1, "handWritten", 100, 5),
                                result("ThirtyTwoThreads.atlanList", "thrpt", 32, "handWritten", 1000, 300),
                                result("ThirtyTwoThreads.atlanList", "thrpt", 32, "catalogkit", 960, 300),
                                result("SingleThread.dataHubList", "avgt", 1, "catalogkit", 50, 1))
                        + "]");

        List<Ratios.Row> rows = Ratios.read(file);

        assertThat(rows).hasSize(2); // dataHubList has one side only
        Ratios.Row single = rows.get(0);
        assertThat(single.benchmark()).isEqualTo("SingleThread.atlanList");
        assertThat(single.ratio()).isEqualTo(1.2);
        assertThat(single.meetsTarget()).isFalse();
        assertThat(single.withinError()).isFalse();
        Ratios.Row threads = rows.get(1);
        assertThat(threads.threads()).isEqualTo(32);
        assertThat(threads.ratio()).isEqualTo(0.96);
        assertThat(threads.meetsTarget()).isTrue();
        assertThat(threads.withinError()).isTrue();
    }
}
