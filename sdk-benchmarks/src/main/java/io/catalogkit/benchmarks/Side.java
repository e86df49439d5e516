package io.catalogkit.benchmarks;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * One side of the comparison: the measured operations done through catalogkit or written by hand
 * with OkHttp and Jackson. Each operation sends one request and reads the answer fully, and
 * returns what it read (for the benchmark's blackhole and for checks). Thread-safe.
 */
public interface Side extends AutoCloseable {
    /** The name of the catalogkit side, as JMH's {@code side} parameter spells it. */
    String CATALOGKIT = "catalogkit";

    /** The name of the hand-written side. */
    String HAND_WRITTEN = "handWritten";

    /**
     * Atlan: looks up one API token by GUID.
     *
     * @return the token
     */
    Object atlanGetByGuid();

    /**
     * Atlan: lists the first page of API tokens.
     *
     * @return the page
     */
    Object atlanList();

    /**
     * Alation: validates the refresh token.
     *
     * @return the refresh token's state
     */
    Object alationValidate();

    /**
     * DataHub: lists the first page of the owner's access tokens.
     *
     * @return the page
     */
    Object dataHubList();

    /**
     * Alation: one data call with an access token in {@code TOKEN}: through catalogkit's {@code
     * authInterceptor()} on one side, a fixed header on the other.
     *
     * @return the answer's body size
     */
    Object alationDataCall();

    /** Closes the side's clients (not the shared OkHttp client). */
    @Override
    void close();

    /**
     * Makes one side.
     *
     * @param name {@link #CATALOGKIT} or {@link #HAND_WRITTEN}
     * @param target where to send
     * @param http the OkHttp client to share within the side
     * @return the side
     * @throws IllegalArgumentException for another name
     */
    static Side create(String name, Target target, OkHttpClient http) {
        return switch (name) {
            case CATALOGKIT -> new CatalogkitSide(target, http);
            case HAND_WRITTEN -> new HandWrittenSide(target, http);
            default -> throw new IllegalArgumentException("side must be catalogkit or handWritten, was " + name);
        };
    }

    /**
     * The OkHttp client both sides start from: OkHttp's defaults, except a pool that keeps enough
     * idle connections for 32 threads (the default keeps 5, so 32 threads would reconnect all the
     * time).
     *
     * @return a new client
     */
    static OkHttpClient httpClient() {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .build();
    }

    /**
     * Releases a client made by {@link #httpClient()}.
     *
     * @param http the client
     */
    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
