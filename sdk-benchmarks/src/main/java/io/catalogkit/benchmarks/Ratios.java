package io.catalogkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH JSON results ({@code -rf json -rff FILE}) into a Markdown table of catalogkit against
 * hand-written per benchmark, with JMH's error, the ratio, whether the difference is within the
 * error, and the target for it:
 * average time ratio at most 1.05 on one thread, throughput ratio at least 0.95 on 32. Given
 * several files (repeated runs), it adds the median ratio across them.
 *
 * <p>Run: {@code java -cp sdk-benchmarks/target/benchmarks.jar io.catalogkit.benchmarks.Ratios
 * run1.json [run2.json ...]}.
 */
public final class Ratios {
    private Ratios() {}

    /** One benchmark's two sides in one run. */
    record Row(String benchmark, String mode, int threads, String unit, double[] kit, double[] hand) {
        double ratio() {
            return kit[0] / hand[0];
        }

        boolean meetsTarget() {
            return mode.equals("thrpt") ? ratio() >= 0.95 : ratio() <= 1.05;
        }

        /** Whether the two scores' error intervals overlap: the difference is within JMH's error. */
        boolean withinError() {
            return Math.abs(kit[0] - hand[0]) <= kit[1] + hand[1];
        }

        String target() {
            return mode.equals("thrpt") ? ">= 0.95" : "<= 1.05";
        }
    }

    /**
     * Prints the tables.
     *
     * @param args JMH JSON result files
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Ratios result.json [more.json ...]");
            System.exit(2);
        }
        Map<String, List<Row>> byBenchmark = new LinkedHashMap<>();
        for (String file : args) {
            List<Row> rows = read(Path.of(file));
            System.out.println("### " + Path.of(file).getFileName());
            System.out.println();
            System.out.println(
                    "| benchmark | threads | catalogkit | hand-written | unit | catalogkit / hand-written | target | met"
                            + " | difference within error |");
            System.out.println("|---|---:|---:|---:|---|---:|---|---|---|");
            for (Row r : rows) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s | %.2f | %s | %s | %s |%n",
                        r.benchmark(),
                        r.threads(),
                        score(r.kit()),
                        score(r.hand()),
                        r.unit(),
                        r.ratio(),
                        r.target(),
                        r.meetsTarget() ? "yes" : "no",
                        r.withinError() ? "yes" : "no");
                byBenchmark
                        .computeIfAbsent(r.benchmark() + " (" + r.threads() + "t)", k -> new ArrayList<>())
                        .add(r);
            }
            System.out.println();
        }
        if (args.length > 1) {
            System.out.println("### median ratio over " + args.length + " runs");
            System.out.println();
            System.out.println("| benchmark | ratios | median | target | met |");
            System.out.println("|---|---|---:|---|---|");
            byBenchmark.forEach((name, rows) -> {
                double[] ratios = rows.stream().mapToDouble(Row::ratio).sorted().toArray();
                double median = ratios.length % 2 == 1
                        ? ratios[ratios.length / 2]
                        : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
                Row first = rows.get(0);
                boolean met = first.mode().equals("thrpt") ? median >= 0.95 : median <= 1.05;
                StringBuilder list = new StringBuilder();
                for (Row r : rows) {
                    list.append(list.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r.ratio()));
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.2f | %s | %s |%n",
                        name,
                        list,
                        median,
                        first.target(),
                        met ? "yes" : "no");
            });
        }
    }

    private static String score(double[] s) {
        return s[0] >= 100
                ? String.format(Locale.ROOT, "%.0f ± %.0f", s[0], s[1])
                : String.format(Locale.ROOT, "%.1f ± %.1f", s[0], s[1]);
    }

    /**
     * Reads one JMH JSON result file into rows pairing the two sides of each benchmark.
     *
     * @param file the file
     * @return the rows, in the file's order
     * @throws IOException when it cannot be read
     */
    static List<Row> read(Path file) throws IOException {
        JsonNode results = new ObjectMapper().readTree(file.toFile());
        Map<String, double[][]> pairs = new LinkedHashMap<>();
        Map<String, JsonNode> firsts = new LinkedHashMap<>();
        for (JsonNode r : results) {
            String benchmark = r.path("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String key = name + "|" + r.path("mode").asText() + "|"
                    + r.path("threads").asInt();
            JsonNode metric = r.path("primaryMetric");
            double[] score = {
                metric.path("score").asDouble(), metric.path("scoreError").asDouble()
            };
            String side = r.path("params").path("side").asText();
            double[][] pair = pairs.computeIfAbsent(key, k -> new double[2][]);
            pair[side.equals(Side.CATALOGKIT) ? 0 : 1] = score;
            firsts.putIfAbsent(key, r);
        }
        List<Row> rows = new ArrayList<>();
        pairs.forEach((key, pair) -> {
            if (pair[0] == null || pair[1] == null) {
                return;
            }
            JsonNode r = firsts.get(key);
            rows.add(new Row(
                    key.substring(0, key.indexOf('|')),
                    r.path("mode").asText(),
                    r.path("threads").asInt(),
                    r.path("primaryMetric").path("scoreUnit").asText(),
                    pair[0],
                    pair[1]));
        });
        return rows;
    }
}
