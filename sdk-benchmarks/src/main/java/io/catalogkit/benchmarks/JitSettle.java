package io.catalogkit.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs an operation on many threads until the JIT has stopped compiling, so that a throughput
 * measurement compares the code a long-running service runs, not the JIT's first tiers.
 *
 * <p>With 32 busy callers on two cores the JIT's compiler threads get a thin share of the CPU: the
 * call path of either side was still C1's code 20 to 38 s after start (seen with {@code
 * -XX:+PrintCompilation}), and calls per second doubled once C2's code took over. A fixed warm-up
 * shorter than that measured a mix of tiers that varied from JVM to JVM. Here the JVM's total
 * compilation time is sampled every second; the warm-up ends once it grew by at most {@link
 * #QUIET_COMPILE_MILLIS} over the last {@link #QUIET_SECONDS} seconds (and no sooner than the
 * minimum), or at the maximum, which is reported as not settled. It settles on two threads first,
 * where the compiler gets a third of the CPU (9 s on two cores against 38-55 s at 32 threads
 * straight away), then on all of them, where what contention makes hot is compiled in turn.
 */
public final class JitSettle {
    /** The window over which compilation must have been quiet, in seconds. */
    static final int QUIET_SECONDS = 4;
    /** How much compilation, in milliseconds of compiler time, still counts as quiet over the window. */
    static final long QUIET_COMPILE_MILLIS = 100;

    private JitSettle() {}

    /**
     * What a warm-up found.
     *
     * @param seconds how long it ran
     * @param settled whether compilation went quiet before the maximum
     * @param compileMillis the JVM's total compilation time at the end, in milliseconds
     */
    public record Outcome(double seconds, boolean settled, long compileMillis) {
        /**
         * The line {@link Throughput} prints and {@link Harness} reads.
         *
         * @return e.g. {@code SETTLE settled=true seconds=31.0 compileMillis=23238}
         */
        public String line() {
            return String.format(
                    Locale.ROOT, "SETTLE settled=%b seconds=%.1f compileMillis=%d", settled, seconds, compileMillis);
        }
    }

    /**
     * Runs {@code op} on two threads, then on {@code threads} threads, each time until compilation is
     * quiet, then stops them.
     *
     * @param op the operation; a failure in it is rethrown here
     * @param threads how many threads run it in the end
     * @param minSeconds the shortest warm-up on all threads
     * @param maxSeconds the longest warm-up in all
     * @return what the warm-up found
     * @throws InterruptedException when interrupted while waiting
     */
    public static Outcome run(Runnable op, int threads, int minSeconds, int maxSeconds) throws InterruptedException {
        Outcome few = threads > 2 ? phase(op, 2, 0, maxSeconds) : new Outcome(0, true, 0);
        int left = Math.max(1, maxSeconds - (int) few.seconds());
        Outcome all = phase(op, threads, Math.min(minSeconds, left), left);
        return new Outcome(few.seconds() + all.seconds(), few.settled() && all.settled(), all.compileMillis());
    }

    /**
     * Runs {@code op} on {@code threads} threads until compilation is quiet, then stops them.
     *
     * @param op the operation; a failure in it ends that thread and is rethrown here
     * @param threads how many threads run it
     * @param minSeconds the shortest warm-up
     * @param maxSeconds the longest warm-up
     * @return what the warm-up found
     * @throws InterruptedException when interrupted while waiting
     */
    static Outcome phase(Runnable op, int threads, int minSeconds, int maxSeconds) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        LongSupplier compileMillis =
                jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : () -> -1;
        AtomicBoolean stop = new AtomicBoolean();
        RuntimeException[] failure = new RuntimeException[1];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(
                    () -> {
                        try {
                            while (!stop.get()) {
                                op.run();
                            }
                        } catch (RuntimeException e) {
                            synchronized (failure) {
                                failure[0] = e;
                            }
                            stop.set(true);
                        }
                    },
                    "warm-" + i);
            workers[i].start();
        }
        long start = System.nanoTime();
        long[] samples = new long[maxSeconds + 1];
        samples[0] = compileMillis.getAsLong();
        boolean settled = false;
        int second = 0;
        try {
            while (second < maxSeconds && !stop.get()) {
                Thread.sleep(1000);
                second++;
                samples[second] = compileMillis.getAsLong();
                settled = quiet(samples, second, minSeconds);
                if (settled) {
                    break;
                }
            }
        } finally {
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return new Outcome((System.nanoTime() - start) / 1e9, settled, samples[second]);
    }

    /**
     * Whether compilation was quiet over the window that ends at {@code second}.
     *
     * @param samples total compilation time per second since the start; -1 when the JVM does not
     *     report it (then only the minimum counts)
     * @param second the last sample
     * @param minSeconds the shortest warm-up
     * @return true when the warm-up may end
     */
    static boolean quiet(long[] samples, int second, int minSeconds) {
        if (second < Math.max(minSeconds, QUIET_SECONDS)) {
            return false;
        }
        if (samples[second] < 0) {
            return true;
        }
        return samples[second] - samples[second - QUIET_SECONDS] <= QUIET_COMPILE_MILLIS;
    }
}
