package io.catalogkit.benchmarks.jmh;

import io.catalogkit.benchmarks.Canned;
import io.catalogkit.benchmarks.Responder;
import io.catalogkit.benchmarks.Side;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One trial's world: a canned responder on loopback and one side's clients, shared by every
 * benchmark thread (so 32 threads share one connection pool, as an application would).
 */
@State(Scope.Benchmark)
public class Fixture {
    /** Which side to measure: {@code catalogkit} or {@code handWritten}. */
    @Param({Side.CATALOGKIT, Side.HAND_WRITTEN})
    public String side;

    private Responder responder;
    private OkHttpClient http;
    Side ops;

    /** Starts the responder and the side's clients. */
    @Setup(Level.Trial)
    public void start() {
        responder = Canned.responder();
        http = Side.httpClient();
        ops = Side.create(side, Canned.target(responder.baseUrl()), http);
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void stop() {
        ops.close();
        Side.shutdown(http);
        responder.close();
    }
}
