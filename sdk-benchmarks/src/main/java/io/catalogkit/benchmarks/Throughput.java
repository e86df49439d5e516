package io.catalogkit.benchmarks;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;

/**
 * The program whose throughput {@link Harness} measures, run in a fresh JVM per side so that the
 * two sides never share a JIT profile: many threads run one operation on one side against an
 * in-process canned responder (HTTPS with {@code -Dcatalogkit.bench.tls=true}), first until the JIT has settled ({@link JitSettle}: at least the
 * warm-up, at most the longest warm-up), then counted after two more seconds, and lines {@code
 * TRANSPORT ...} (from one probe call), {@code SETTLE ...} and {@code THROUGHPUT opsPerSecond=...} are printed.
 *
 * <p>Arguments: {@code catalogkit} or {@code handWritten}, an {@link Op} name, threads, warm-up
 * seconds, measured seconds, and optionally the longest warm-up in seconds (120 by default).
 */
public final class Throughput {
    /** The start of the line naming the transport the run's client negotiated. */
    static final String TRANSPORT = "TRANSPORT ";

    private Throughput() {}

    /**
     * Runs the measurement.
     *
     * @param args the side, the operation, threads, warm-up and measured seconds, longest warm-up
     * @throws Exception when the responder cannot start or a thread is interrupted
     */
    public static void main(String[] args) throws Exception {
        String side = args[0];
        Op op = Op.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        int warmSeconds = Integer.parseInt(args[3]);
        long measureMillis = Long.parseLong(args[4]) * 1000;
        int maxWarm = args.length > 5 ? Integer.parseInt(args[5]) : 120;
        try (Responder responder = Canned.responder()) {
            OkHttpClient http = Side.httpClient(responder);
            try (Side s = Side.create(side, Canned.target(responder.baseUrl()), http)) {
                System.out.println(TRANSPORT + Side.transport(http, responder));
                JitSettle.Outcome settle =
                        JitSettle.run(() -> op.run(s), threads, warmSeconds, Math.max(maxWarm, warmSeconds));
                System.out.println(settle.line());
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
                Thread.sleep(2000); // the new threads start and reach the pool
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
