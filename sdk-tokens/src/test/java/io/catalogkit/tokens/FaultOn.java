package io.catalogkit.tokens;

import io.catalogkit.testing.FakeServer;
import io.catalogkit.testing.Fault;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Fails one request in the middle of a sequence: arms a fake's {@link FakeServer#failNext} just
 * before the nth request that goes through this OkHttp client (every client built with it counts).
 */
public final class FaultOn implements Interceptor {
    private final FakeServer fake;
    private final int nth;
    private final Fault fault;
    private final AtomicInteger seen = new AtomicInteger();

    private FaultOn(FakeServer fake, int nth, Fault fault) {
        this.fake = fake;
        this.nth = nth;
        this.fault = fault;
    }

    /**
     * An OkHttp client whose nth request (1-based) the fake answers with the fault.
     *
     * @param fake the fake
     * @param nth which request
     * @param fault the fault
     * @return the client; shut it down after the test
     */
    public static OkHttpClient client(FakeServer fake, int nth, Fault fault) {
        return new OkHttpClient.Builder()
                .addInterceptor(new FaultOn(fake, nth, fault))
                .build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (seen.incrementAndGet() == nth) {
            fake.failNext(1, fault);
        }
        return chain.proceed(chain.request());
    }

    /**
     * Shuts an OkHttp client down, for a test's clean-up list.
     *
     * @param http the client
     * @return what shuts it down
     */
    public static AutoCloseable closer(OkHttpClient http) {
        return () -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        };
    }
}
