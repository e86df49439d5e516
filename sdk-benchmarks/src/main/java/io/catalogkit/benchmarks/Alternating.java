package io.catalogkit.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Two sides compared call by call on one thread: calls alternate one by one between them (which
 * side goes first alternates too), so that the JIT's state and the machine's drift hit both alike,
 * and the ratio is that of the median time per call, first side over second. Every operation is
 * measured in several passes, each on new connections (so new responder threads): where the
 * scheduler puts a connection's threads, on the caller's core or the other, moves a loopback call by
 * 10-30 % on a virtual machine and stays put for the connection's life, so that one pass alone could
 * favour either side. The figure is the median of the passes' ratios. Pinned to one core ({@code
 * taskset -c 1}), that placement effect is gone and the passes agree within about 1 %.
 */
final class Alternating {
    /** Unrecorded calls per side after each change of connections. */
    private static final int SETTLE_CALLS = 200;

    private final Side first;
    private final Side second;
    private final Runnable newConnections;

    /**
     * @param first the side whose time is the ratio's numerator
     * @param second the side whose time is the denominator
     * @param newConnections closes both sides' idle connections
     */
    Alternating(Side first, Side second, Runnable newConnections) {
        this.first = first;
        this.second = second;
        this.newConnections = newConnections;
    }

    /** One operation's result: the median time per call of each side, in µs, per pass. */
    record Result(Op op, double[] firstMicros, double[] secondMicros) {
        /** The ratio of pass {@code i}. */
        double ratio(int i) {
            return firstMicros[i] / secondMicros[i];
        }

        /** The median of the passes' ratios. */
        double medianRatio() {
            double[] r = new double[firstMicros.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = ratio(i);
            }
            return median(r);
        }

        /** The passes' ratios, three decimals each. */
        String ratios() {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < firstMicros.length; i++) {
                s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", ratio(i)));
            }
            return s.append(']').toString();
        }
    }

    /**
     * Warms every operation up (each before any is measured: the first one measured would
     * otherwise share the cores with the JIT compiling the shared code of the others), then
     * measures each in {@code passes} passes, printing a line per operation and pass.
     *
     * @param calls measured calls per side, operation and pass (as many again warm up, once)
     * @param passes passes over all operations
     * @param firstName the first side's column heading
     * @param secondName the second side's column heading
     * @return one result per operation, in {@link Op} order
     */
    Result[] run(int calls, int passes, String firstName, String secondName) {
        for (Op op : Op.values()) {
            for (int i = 0; i < calls; i++) {
                op.run(first);
                op.run(second);
            }
        }
        Result[] results = new Result[Op.values().length];
        for (Op op : Op.values()) {
            results[op.ordinal()] = new Result(op, new double[passes], new double[passes]);
        }
        long[] a = new long[calls];
        long[] b = new long[calls];
        for (int p = 0; p < passes; p++) {
            System.out.printf(
                    Locale.ROOT, "pass %d: %-16s %12s %14s %7s%n", p + 1, "operation", firstName, secondName, "ratio");
            for (Op op : Op.values()) {
                newConnections.run();
                for (int i = 0; i < SETTLE_CALLS; i++) {
                    op.run(first);
                    op.run(second);
                }
                for (int i = 0; i < calls; i++) {
                    boolean firstFirst = (i & 1) == 0;
                    long t0 = System.nanoTime();
                    op.run(firstFirst ? first : second);
                    long t1 = System.nanoTime();
                    op.run(firstFirst ? second : first);
                    long t2 = System.nanoTime();
                    a[i] = firstFirst ? t1 - t0 : t2 - t1;
                    b[i] = firstFirst ? t2 - t1 : t1 - t0;
                }
                Result r = results[op.ordinal()];
                r.firstMicros[p] = median(a) / 1e3;
                r.secondMicros[p] = median(b) / 1e3;
                System.out.printf(
                        Locale.ROOT,
                        "pass %d: %-16s %9.1f us %11.1f us %7.3f%n",
                        p + 1,
                        op.label(),
                        r.firstMicros[p],
                        r.secondMicros[p],
                        r.ratio(p));
            }
        }
        return results;
    }

    static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
