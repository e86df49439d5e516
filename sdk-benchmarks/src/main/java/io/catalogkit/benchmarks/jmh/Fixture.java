package io.catalogkit.benchmarks.jmh;

import io.catalogkit.benchmarks.Canned;
import io.catalogkit.benchmarks.JitSettle;
import io.catalogkit.benchmarks.Op;
import io.catalogkit.benchmarks.Responder;
import io.catalogkit.benchmarks.Side;
import java.util.Arrays;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One trial's world: a canned responder on loopback and one side's clients, shared by every
 * benchmark thread (so 32 threads share one connection pool, as an application would). With more
 * than one benchmark thread, the trial first runs the benchmark's call on as many threads until the
 * JIT has settled ({@link JitSettle}): JMH's warm-up iterations alone left the call path in C1's
 * code on two cores.
 */
@State(Scope.Benchmark)
public class Fixture {
    /** Which side to measure: {@code catalogkit} or {@code handWritten}. */
    @Param({Side.CATALOGKIT, Side.HAND_WRITTEN})
    public String side;

    private Responder responder;
    private OkHttpClient http;
    Side ops;

    /**
     * Starts the responder and the side's clients, and settles the JIT for many threads.
     *
     * @param params which benchmark runs, on how many threads
     * @throws InterruptedException when interrupted while settling
     */
    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws InterruptedException {
        responder = Canned.responder();
        http = Side.httpClient(responder);
        ops = Side.create(side, Canned.target(responder.baseUrl()), http);
        if (params.getThreads() > 1) {
            String method =
                    params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            Op op = Arrays.stream(Op.values())
                    .filter(o -> o.label().equals(method))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no operation for benchmark " + method));
            System.out.println(JitSettle.run(() -> op.run(ops), params.getThreads(), 0, 120)
                    .line());
        }
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void stop() {
        ops.close();
        Side.shutdown(http);
        responder.close();
    }
}
