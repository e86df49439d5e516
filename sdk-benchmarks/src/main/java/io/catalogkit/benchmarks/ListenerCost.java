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
     * Single thread: the median time per call with the listener over without, per operation.
     *
     * @param calls measured calls per side and operation (as many again warm up)
     * @param checks where each operation's result goes
     * @throws Exception when the responder cannot start
     */
    static void singleThread(int calls, Checks checks) throws Exception {
        withSides((metrics, plain) -> {
            for (Op op : Op.values()) {
                for (int i = 0; i < calls; i++) {
                    op.run(metrics);
                    op.run(plain);
                }
            }
            System.out.printf("%-16s %12s %12s %7s%n", "operation", "metrics", "none", "ratio");
            for (Op op : Op.values()) {
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
                double ratio = w / wo;
                System.out.printf(Locale.ROOT, "%-16s %9.1f us %9.1f us %7.3f%n", op.label(), w, wo, ratio);
                checks.check(
                        "single-thread time per call with CatalogKitMetrics, " + op.label() + ", at most +2 %",
                        ratio <= 1 + TOLERANCE,
                        String.format(Locale.ROOT, "%.3f over %d calls each", ratio, calls));
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
        withSides((metrics, plain) -> {
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
    private static void withSides(java.util.function.BiConsumer<Side, Side> body) throws Exception {
        try (Responder responder = Canned.responder()) {
            Target target = Canned.target(responder.baseUrl());
            OkHttpClient metricsHttp = Side.httpClient(responder);
            OkHttpClient plainHttp = Side.httpClient(responder);
            try (Side metrics =
                            new CatalogkitSide(target, metricsHttp, CatalogKitMetrics.of(new SimpleMeterRegistry()));
                    Side plain = new CatalogkitSide(target, plainHttp, null)) {
                System.out.println("transport: " + Side.transport(metricsHttp, responder));
                body.accept(metrics, plain);
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
