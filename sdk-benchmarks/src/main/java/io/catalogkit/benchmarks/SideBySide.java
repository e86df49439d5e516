package io.catalogkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two sides compared under many threads in one JVM: half the threads call through each side at the
 * same time, against one responder, after the JIT has settled on that mix ({@link JitSettle}); the
 * ratio is that of the calls per second, first side over second, per measured window. The JIT's
 * state, the responder and the machine's drift are the same for both, which two JVMs measured one
 * after the other cannot promise (see docs/BENCHMARKS.md for how far apart such pairs land). What
 * the sides share is shared in the figure too: a lock one side takes more often slows the other as
 * well, so a cost that lies in contention shows here at most in part.
 */
final class SideBySide {
    private SideBySide() {}

    /**
     * One operation's result.
     *
     * @param op the operation
     * @param ratios calls per second of the first side over the second, per window
     * @param settle what the warm-up found
     */
    record Result(Op op, double[] ratios, JitSettle.Outcome settle) {
        /** The median of the windows' ratios. */
        double medianRatio() {
            return Alternating.median(ratios);
        }

        /** The figure a check prints: the median, the windows' ratios and the warm-up's outcome. */
        String figure() {
            return String.format(Locale.ROOT, "median %.3f of %s (%s)", medianRatio(), ratiosText(), settle.line());
        }

        /** The windows' ratios, three decimals each. */
        String ratiosText() {
            return Arrays.toString(ratios).replaceAll("(\\.\\d{3})\\d+", "$1");
        }
    }

    /**
     * Runs {@code op} through both sides at once, half the threads each (the first side gets the
     * extra one of an odd count), printing a line per window.
     *
     * @param op the operation
     * @param first the side whose calls are the ratio's numerator
     * @param second the side whose calls are the denominator
     * @param names the two sides' names, for the printed lines
     * @param threads threads in all
     * @param warm the shortest warm-up in seconds
     * @param maxWarm the longest warm-up in seconds
     * @param measure seconds per measured window
     * @param windows measured windows
     * @return the windows' ratios
     * @throws InterruptedException when interrupted while waiting
     */
    static Result run(
            Op op,
            Side first,
            Side second,
            String[] names,
            int threads,
            int warm,
            int maxWarm,
            int measure,
            int windows)
            throws InterruptedException {
        ThreadLocal<Boolean> onFirst =
                ThreadLocal.withInitial(() -> (Thread.currentThread().getId() & 1) == 0);
        JitSettle.Outcome settle = JitSettle.run(() -> op.run(onFirst.get() ? first : second), threads, warm, maxWarm);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder firstCalls = new LongAdder();
        LongAdder secondCalls = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            boolean isFirst = (i & 1) == 0;
            Side side = isFirst ? first : second;
            LongAdder count = isFirst ? firstCalls : secondCalls;
            Thread t = new Thread(
                    () -> {
                        while (!stop.get()) {
                            op.run(side);
                            if (counting.get()) {
                                count.increment();
                            }
                        }
                    },
                    (isFirst ? names[0] : names[1]) + "-" + i);
            t.start();
            workers.add(t);
        }
        double[] ratios = new double[windows];
        try {
            Thread.sleep(2000); // the new threads start and reach the pool
            for (int w = 0; w < windows; w++) {
                firstCalls.reset();
                secondCalls.reset();
                counting.set(true);
                Thread.sleep(measure * 1000L);
                counting.set(false);
                ratios[w] = firstCalls.sum() / (double) secondCalls.sum();
                System.out.printf(
                        Locale.ROOT,
                        "%-16s window %d: %d calls %s, %d %s, ratio %.3f%n",
                        op.label(),
                        w + 1,
                        firstCalls.sum(),
                        names[0],
                        secondCalls.sum(),
                        names[1],
                        ratios[w]);
            }
        } finally {
            stop.set(true);
            for (Thread t : workers) {
                t.join();
            }
        }
        return new Result(op, ratios, settle);
    }
}
