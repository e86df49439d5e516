package io.catalogkit.benchmarks;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;

/**
 * The program whose throughput {@link Harness} measures, run in a fresh JVM per side so that the
 * two sides never share a JIT profile: many threads run one operation on one side against an
 * in-process canned responder, first unmeasured for a warm-up, then counted, and a line {@code
 * THROUGHPUT opsPerSecond=...} is printed.
 *
 * <p>Arguments: {@code catalogkit} or {@code handWritten}, an {@link Op} name, threads, warm-up
 * seconds, measured seconds.
 */
public final class Throughput {
    private Throughput() {}

    /**
     * Runs the measurement.
     *
     * @param args the side, the operation, threads, warm-up and measured seconds
     * @throws Exception when the responder cannot start or a thread is interrupted
     */
    public static void main(String[] args) throws Exception {
        String side = args[0];
        Op op = Op.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        long warmMillis = Long.parseLong(args[3]) * 1000;
        long measureMillis = Long.parseLong(args[4]) * 1000;
        try (Responder responder = Canned.responder()) {
            OkHttpClient http = Side.httpClient();
            try (Side s = Side.create(side, Canned.target(responder.baseUrl()), http)) {
                AtomicBoolean counting = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                LongAdder calls = new LongAdder();
                Thread[] workers = new Thread[threads];
                for (int i = 0; i < threads; i++) {
                    workers[i] = new Thread(
                            () -> {
                                while (!stop.get()) {
                                    op.run(s);
                                    if (counting.get()) {
                                        calls.increment();
                                    }
                                }
                            },
                            "worker-" + i);
                    workers[i].start();
                }
                Thread.sleep(warmMillis);
                counting.set(true);
                long start = System.nanoTime();
                Thread.sleep(measureMillis);
                counting.set(false);
                long elapsed = System.nanoTime() - start;
                stop.set(true);
                for (Thread w : workers) {
                    w.join();
                }
                System.out.printf(Locale.ROOT, "THROUGHPUT opsPerSecond=%.1f%n", calls.sum() / (elapsed / 1e9));
            } finally {
                Side.shutdown(http);
            }
        }
        System.out.flush();
        System.exit(0);
    }
}
