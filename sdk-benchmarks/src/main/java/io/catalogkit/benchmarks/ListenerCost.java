package io.catalogkit.benchmarks;

import io.catalogkit.micrometer.CatalogKitMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;

/**
 * What binding {@code CatalogKitMetrics} costs a call. Two catalogkit sides run in one JVM against
 * one canned responder, each with its own OkHttp client: one reports to {@code CatalogKitMetrics}
 * on a {@code SimpleMeterRegistry}, the other has no listener. They run the same code but the
 * listener's, so the JIT's state and the machine's drift hit both alike, which two JVMs measured
 * one after the other cannot promise.
 *
 * <ul>
 *   <li>single thread: calls alternate one by one between the sides, and the ratio is that of the
 *       median time per call, with metrics over without;
 *   <li>many threads: half the threads call through each side at the same time ({@link
 *       SideBySide}), and the ratio is that of the calls per second, with metrics over without, per
 *       measured window.
 * </ul>
 */
final class ListenerCost {
    /** Records what a run found; the harness prints and keeps it. */
    interface Checks {
        void check(String what, boolean pass, String figure);
    }

    /** How far either ratio may move from 1 (the "at most 2 %"). */
    static final double TOLERANCE = 0.02;

    private ListenerCost() {}

    /**
     * Single thread: the median time per call with the listener over without, per operation, in
     * {@code rounds} passes over all operations; the check takes the median of the passes' ratios.
     *
     * @param calls measured calls per side, operation and pass (as many again warm up, once)
     * @param rounds passes over all operations
     * @param checks where each operation's result goes
     * @throws Exception when the responder cannot start
     */
    static void singleThread(int calls, int rounds, Checks checks) throws Exception {
        withSides((metrics, plain, newConnections) -> {
            for (Alternating.Result r :
                    new Alternating(metrics, plain, newConnections).run(calls, rounds, "metrics", "none")) {
                double median = r.medianRatio();
                checks.check(
                        "single-thread time per call with CatalogKitMetrics, " + r.op().label() + ", at most +2 %",
                        median <= 1 + TOLERANCE,
                        String.format(
                                Locale.ROOT, "median %.3f of %s, %d calls each per pass", median, r.ratios(), calls));
            }
        });
    }

    /**
     * Many threads: calls per second through the side with the listener over the side without,
     * half the threads on each, per operation and measured window.
     *
     * @param ops the operations
     * @param threads threads in all (half per side)
     * @param warm the shortest warm-up in seconds
     * @param maxWarm the longest warm-up in seconds
     * @param measure seconds per measured window
     * @param rounds measured windows per operation
     * @param checks where each operation's result goes
     * @throws Exception when the responder cannot start or a thread is interrupted
     */
    static void threads(List<Op> ops, int threads, int warm, int maxWarm, int measure, int rounds, Checks checks)
            throws Exception {
        withSides((metrics, plain, newConnections) -> {
            for (Op op : ops) {
                try {
                    threadsFor(op, metrics, plain, threads, warm, maxWarm, measure, rounds, checks);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        });
    }

    private static void threadsFor(
            Op op, Side metrics, Side plain, int threads, int warm, int maxWarm, int measure, int rounds, Checks checks)
            throws InterruptedException {
        SideBySide.Result r = SideBySide.run(
                op, metrics, plain, new String[] {"with metrics", "without"}, threads, warm, maxWarm, measure, rounds);
        double median = r.medianRatio();
        checks.check(
                threads + "-thread calls per second with CatalogKitMetrics, " + op.label() + ", at least -2 %",
                median >= 1 - TOLERANCE,
                r.figure());
    }

    /** What runs with the two sides; {@code newConnections} closes both sides' idle connections. */
    private interface Body {
        void run(Side metrics, Side plain, Runnable newConnections);
    }

    /** Runs {@code body} with the two sides against one canned responder (HTTPS when asked). */
    private static void withSides(Body body) throws Exception {
        try (Responder responder = Canned.responder()) {
            Target target = Canned.target(responder.baseUrl());
            OkHttpClient metricsHttp = Side.httpClient(responder);
            OkHttpClient plainHttp = Side.httpClient(responder);
            try (Side metrics =
                            new CatalogkitSide(target, metricsHttp, CatalogKitMetrics.of(new SimpleMeterRegistry()));
                    Side plain = new CatalogkitSide(target, plainHttp, null)) {
                System.out.println("transport: " + Side.transport(metricsHttp, responder));
                body.run(metrics, plain, () -> {
                    metricsHttp.connectionPool().evictAll();
                    plainHttp.connectionPool().evictAll();
                });
            } finally {
                Side.shutdown(metricsHttp);
                Side.shutdown(plainHttp);
            }
        }
    }
}
