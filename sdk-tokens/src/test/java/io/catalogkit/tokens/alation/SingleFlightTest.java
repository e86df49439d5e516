package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** 256 threads meeting a stale or rejected token cause exactly one createAPIAccessToken call. */
class SingleFlightTest {
    static final int THREADS = 256;

    static <T> List<T> race(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredTokenIsMintedOnceForAllThreads() throws Exception {
        try (AlationFixture f = new AlationFixture()) {
            Secret first = f.client.currentAccessToken();
            f.clock.advance(Duration.ofHours(24));
            // The mint's answer is held back, so that the threads pile up behind it.
            f.alation.failNext(1, Fault.slow(Duration.ofMillis(300)));
            List<Secret> seen = race(f.client::currentAccessToken);
            Set<Secret> distinct = new HashSet<>(seen);
            assertThat(distinct).hasSize(1).doesNotContain(first);
            assertThat(f.alation.mintCount()).isEqualTo(2);
            assertThat(f.alation.requests(FakeAlation.CREATE_ACCESS_TOKEN)).hasSize(2);
            assertThat(f.alation.validateCount()).isZero();
        }
    }

    @Test
    void aRejectedTokenIsReMintedOnceForAllThreadsThroughTheInterceptor() throws Exception {
        try (AlationFixture f = new AlationFixture()) {
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(f.client.authInterceptor())
                    .build();
            Request request = new Request.Builder()
                    .url(f.alation.baseUrl() + FakeAlation.TABLES)
                    .build();
            f.client.currentAccessToken();
            f.alation.revokeAllAccessTokens();
            f.alation.failNext(1, Fault.slow(Duration.ofMillis(300)));
            List<Integer> statuses = race(() -> {
                try (Response r = http.newCall(request).execute()) {
                    return r.code();
                }
            });
            assertThat(statuses).hasSize(THREADS).containsOnly(200);
            assertThat(f.alation.mintCount()).isEqualTo(2);
            assertThat(f.alation.validateCount()).isZero();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
