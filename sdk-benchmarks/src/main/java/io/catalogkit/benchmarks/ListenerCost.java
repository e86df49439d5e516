package io.catalogkit.benchmarks;

import io.catalogkit.micrometer.CatalogKitMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;

/**
 * What binding {@code CatalogKitMetrics} costs a call. Two catalogkit sides run in one JVM against
 * one canned responder, each with its own OkHttp client: one reports to {@code CatalogKitMetrics}
 * on a {@code SimpleMeterRegistry}, the other has no listener. They run the same code but the
 * listener's, so the JIT's state and the machine's drift hit both alike, which two JVMs measured
 * one after the other cannot promise (their ratio spreads by ±15 % at 32 threads).
 *
 * <ul>
 *   <li>single thread: calls alternate one by one between the sides, and the ratio is that of the
 *       median time per call, with metrics over without;
 *   <li>many threads: half the threads call through each side at the same time, after the JIT has
 *       settled on that mix ({@link JitSettle}), and the ratio is that of the calls per second,
 *       with metrics over without, per measured window.
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
            for (Op op : Op.values()) {
                for (int i = 0; i < calls; i++) {
                    op.run(metrics);
                    op.run(plain);
                }
            }
            double[][] ratios = new double[Op.values().length][rounds];
            for (int r = 0; r < rounds; r++) {
                System.out.printf("pass %d: %-16s %12s %12s %7s%n", r + 1, "operation", "metrics", "none", "ratio");
                for (Op op : Op.values()) {
                    // New connections, so new responder threads: where the scheduler puts a connection's
                    // threads (the caller's core or the other) moves a call by 10-30 % on a virtual
                    // machine, and would otherwise favour one side for a whole pass.
                    newConnections.run();
                    for (int i = 0; i < 200; i++) {
                        op.run(metrics);
                        op.run(plain);
                    }
                    long[] with = new long[calls];
                    long[] without = new long[calls];
                    for (int i = 0; i < calls; i++) {
                        boolean metricsFirst = (i & 1) == 0;
                        long t0 = System.nanoTime();
                        op.run(metricsFirst ? metrics : plain);
                        long t1 = System.nanoTime();
                        op.run(metricsFirst ? plain : metrics);
                        long t2 = System.nanoTime();
                        with[i] = metricsFirst ? t1 - t0 : t2 - t1;
                        without[i] = metricsFirst ? t2 - t1 : t1 - t0;
                    }
                    double w = median(with) / 1e3;
                    double wo = median(without) / 1e3;
                    ratios[op.ordinal()][r] = w / wo;
                    System.out.printf(
                            Locale.ROOT, "pass %d: %-16s %9.1f us %9.1f us %7.3f%n", r + 1, op.label(), w, wo, w / wo);
                }
            }
            for (Op op : Op.values()) {
                double[] sorted = ratios[op.ordinal()].clone();
                Arrays.sort(sorted);
                double median = sorted[sorted.length / 2];
                checks.check(
                        "single-thread time per call with CatalogKitMetrics, " + op.label() + ", at most +2 %",
                        median <= 1 + TOLERANCE,
                        String.format(
                                Locale.ROOT,
                                "median %.3f of %s, %d calls each per pass",
                                median,
                                Arrays.toString(ratios[op.ordinal()]).replaceAll("(\\.\\d{3})\\d+", "$1"),
                                calls));
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
        ThreadLocal<Boolean> onMetrics =
                ThreadLocal.withInitial(() -> (Thread.currentThread().getId() & 1) == 0);
        JitSettle.Outcome settle =
                JitSettle.run(() -> op.run(onMetrics.get() ? metrics : plain), threads, warm, maxWarm);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder withCalls = new LongAdder();
        LongAdder withoutCalls = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            boolean withMetrics = (i & 1) == 0;
            Side side = withMetrics ? metrics : plain;
            LongAdder count = withMetrics ? withCalls : withoutCalls;
            Thread t = new Thread(
                    () -> {
                        while (!stop.get()) {
                            op.run(side);
                            if (counting.get()) {
                                count.increment();
                            }
                        }
                    },
                    (withMetrics ? "metrics-" : "none-") + i);
            t.start();
            workers.add(t);
        }
        double[] ratios = new double[rounds];
        try {
            Thread.sleep(2000); // the new threads start and reach the pool
            for (int r = 0; r < rounds; r++) {
                withCalls.reset();
                withoutCalls.reset();
                counting.set(true);
                Thread.sleep(measure * 1000L);
                counting.set(false);
                ratios[r] = withCalls.sum() / (double) withoutCalls.sum();
                System.out.printf(
                        Locale.ROOT,
                        "%-16s round %d: %d calls with metrics, %d without, ratio %.3f%n",
                        op.label(),
                        r + 1,
                        withCalls.sum(),
                        withoutCalls.sum(),
                        ratios[r]);
            }
        } finally {
            stop.set(true);
            for (Thread t : workers) {
                t.join();
            }
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        checks.check(
                threads + "-thread calls per second with CatalogKitMetrics, " + op.label() + ", at least -2 %",
                median >= 1 - TOLERANCE,
                String.format(
                        Locale.ROOT,
                        "median %.3f of %s (%s)",
                        median,
                        Arrays.toString(ratios).replaceAll("(\\.\\d{3})\\d+", "$1"),
                        settle.line()));
    }

    /** Runs {@code body} with the two sides against one canned responder (HTTPS when asked). */
    /** What runs with the two sides; {@code newConnections} closes both sides' idle connections. */
    private interface Body {
        void run(Side metrics, Side plain, Runnable newConnections);
    }

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

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
