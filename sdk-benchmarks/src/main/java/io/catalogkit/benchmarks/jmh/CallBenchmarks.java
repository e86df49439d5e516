package io.catalogkit.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The measured calls, each one request and a full read of its answer; the subclasses say with how
 * many threads and in which mode. Compare the {@code side} parameter's two values per method.
 */
public abstract class CallBenchmarks {
    /**
     * Atlan {@code getByGuid}.
     *
     * @param f the fixture
     * @return the token
     */
    @Benchmark
    public Object atlanGetByGuid(Fixture f) {
        return f.ops.atlanGetByGuid();
    }

    /**
     * Atlan {@code list}, one page of 20.
     *
     * @param f the fixture
     * @return the page
     */
    @Benchmark
    public Object atlanList(Fixture f) {
        return f.ops.atlanList();
    }

    /**
     * Alation {@code refreshTokens().validate}.
     *
     * @param f the fixture
     * @return the refresh token's state
     */
    @Benchmark
    public Object alationValidate(Fixture f) {
        return f.ops.alationValidate();
    }

    /**
     * DataHub {@code accessTokens().list}, one page of 20.
     *
     * @param f the fixture
     * @return the page
     */
    @Benchmark
    public Object dataHubList(Fixture f) {
        return f.ops.dataHubList();
    }

    /**
     * An Alation data call through {@code authInterceptor()} (catalogkit) or with a fixed {@code
     * TOKEN} header (hand-written).
     *
     * @param f the fixture
     * @return the body size
     */
    @Benchmark
    public Object alationAuthCall(Fixture f) {
        return f.ops.alationDataCall();
    }
}
