package io.catalogkit.tokens.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Load: threads calling a mix of operations on the three clients against the fakes for a while,
 * with the managed Alation access token expiring several times on the fake's clock. Zero errors,
 * one mint per expiry, and after {@code close()} no thread or connection of the clients is left.
 * Sized by {@code -Dcatalogkit.load.threads} (default 8), {@code -Dcatalogkit.load.seconds}
 * (default 2) and {@code -Dcatalogkit.load.expiries} (default 4).
 */
class LoadTest {
    static final int THREADS = Integer.getInteger("catalogkit.load.threads", 8);
    static final int SECONDS = Integer.getInteger("catalogkit.load.seconds", 2);
    static final int EXPIRIES = Integer.getInteger("catalogkit.load.expiries", 4);
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final Duration LIFESPAN = Duration.ofHours(1);

    @Test
    void mixedOperationsWithExpiringTokensRunCleanAndLeaveNothingBehind() throws Exception {
        FakeClock alationClock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (FakeAtlan atlanFake = new FakeAtlan().start();
                FakeAlation alationFake = new FakeAlation(alationClock).start();
                FakeDataHub hubFake = new FakeDataHub().start()) {
            FakeAtlan.SeededToken victim = atlanFake.addApiToken("nightly sync");
            Secret atlanKey = atlanFake.addApiToken("catalogkit-admin").secret();
            alationFake.refreshTokenLifespan(Duration.ofDays(3650)).accessTokenLifespan(LIFESPAN);
            long userId = alationFake.addUser("jdoe@example.com", "pw-0001").id();
            Secret refresh =
                    alationFake.addRefreshToken(userId, "catalogkit-ci").secret();
            hubFake.addAdmin(ADMIN);
            Secret hubToken = hubFake.addAccessToken(ADMIN).secret();
            FakeDataHub.SeededAccessToken hubVictim = hubFake.addAccessToken(ADMIN);

            AtlanClient atlan = AtlanClient.builder()
                    .baseUrl(atlanFake.baseUrl())
                    .apiKey(atlanKey)
                    .sleeper(d -> {})
                    .build();
            AlationClient alation = AlationClient.builder()
                    .baseUrl(alationFake.baseUrl())
                    .refreshToken(refresh, userId)
                    .clock(alationClock)
                    .sleeper(d -> {})
                    .build();
            DataHubClient hub = DataHubClient.builder()
                    .baseUrl(hubFake.baseUrl())
                    .token(hubToken)
                    .sleeper(d -> {})
                    .build();
            // The caller's own OkHttp client, authenticated by catalogkit's interceptor.
            OkHttpClient data = new OkHttpClient.Builder()
                    .addInterceptor(alation.authInterceptor())
                    .build();
            String tables = alationFake.baseUrl().replaceAll("/$", "") + FakeAlation.TABLES + "?limit=1";

            AtomicLong calls = new AtomicLong();
            Queue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                Thread w = new Thread(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                return;
                            }
                            for (int i = seed; !stop.get(); i++) {
                                try {
                                    switch (i % 6) {
                                        case 0 ->
                                            check(
                                                    atlan.apiTokens()
                                                                    .list(0, 20)
                                                                    .getItems()
                                                                    .size()
                                                            >= 2,
                                                    "atlan list");
                                        case 1 ->
                                            check(
                                                    atlan.apiTokens()
                                                            .getByGuid(victim.guid())
                                                            .isPresent(),
                                                    "atlan getByGuid");
                                        case 2 ->
                                            check(
                                                    hub.accessTokens()
                                                                    .list(0, 20, ADMIN)
                                                                    .getTotal()
                                                            >= 2,
                                                    "datahub list");
                                        case 3 ->
                                            check(
                                                    hub.accessTokens()
                                                            .getMetadata(hubVictim.secret())
                                                            .getId()
                                                            .isPresent(),
                                                    "datahub getMetadata");
                                        case 4 -> {
                                            try (Response r = data.newCall(new Request.Builder()
                                                            .url(tables)
                                                            .build())
                                                    .execute()) {
                                                check(r.code() == 200, "alation data call answered " + r.code());
                                            }
                                        }
                                        default ->
                                            check(
                                                    alation.refreshTokens()
                                                                    .validate(refresh, userId)
                                                                    .getStatus()
                                                            == TokenStatus.ACTIVE,
                                                    "alation validate");
                                    }
                                    calls.incrementAndGet();
                                } catch (Exception | AssertionError e) {
                                    errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                                }
                            }
                        },
                        "load-" + t);
                workers.add(w);
                w.start();
            }
            long started = System.nanoTime();
            go.countDown();
            long slice = TimeUnit.SECONDS.toMillis(SECONDS) / (EXPIRIES + 1);
            // Each expiry waits for the mint the previous one caused: on a loaded machine a slice
            // can pass without an Alation call, and two expiries would then fold into one mint.
            awaitMints(alationFake, 1, errors);
            for (int e = 0; e < EXPIRIES; e++) {
                Thread.sleep(slice);
                alationClock.advance(LIFESPAN.plusMinutes(1));
                awaitMints(alationFake, e + 2, errors);
            }
            Thread.sleep(slice);
            stop.set(true);
            for (Thread w : workers) {
                w.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(w.isAlive()).as(w.getName() + " finished").isFalse();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            int mints = alationFake.mintCount();
            Figures.record(
                    "load",
                    String.format(
                            java.util.Locale.ROOT,
                            "load: %d threads, %.1f s, %d calls (%.0f/s), %d errors, %d expiries, %d mints",
                            THREADS,
                            elapsed,
                            calls.get(),
                            calls.get() / elapsed,
                            errors.size(),
                            EXPIRIES,
                            mints));

            List<OkHttpClient> owned = List.of(httpClientOf(atlan), httpClientOf(alation), httpClientOf(hub));
            atlan.close();
            alation.close();
            hub.close();
            data.dispatcher().executorService().shutdown();
            data.connectionPool().evictAll();

            assertThat(errors).as("errors").isEmpty();
            assertThat(calls.get()).isPositive();
            // The first use mints, then each expiry exactly once.
            assertThat(mints).as("mints").isEqualTo(EXPIRIES + 1);
            for (OkHttpClient http : owned) {
                assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
                assertThat(http.dispatcher().executorService().awaitTermination(10, TimeUnit.SECONDS))
                        .isTrue();
                assertThat(http.dispatcher().runningCallsCount()).isZero();
                assertThat(http.connectionPool().connectionCount()).isZero();
            }
            assertThat(Thread.getAllStackTraces().keySet())
                    .as("OkHttp dispatcher threads left")
                    .noneMatch(th -> th.isAlive() && th.getName().startsWith("OkHttp Dispatcher"));
        }
    }

    /** Waits (up to a minute) until the fake has minted at least {@code n} access tokens. */
    static void awaitMints(FakeAlation fake, int n, Queue<String> errors) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fake.mintCount() < n) {
            assertThat(System.nanoTime() - deadline)
                    .as("mint %d not seen within a minute; errors so far: %s", n, errors)
                    .isNegative();
            Thread.sleep(5);
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " gave a wrong answer");
        }
    }

    /** The OkHttp client a catalogkit client built for itself (tests run on the class path). */
    static OkHttpClient httpClientOf(Object client) throws ReflectiveOperationException {
        Field f = client.getClass().getDeclaredField("transport");
        f.setAccessible(true);
        Field sender = Transport.class.getDeclaredField("sender");
        sender.setAccessible(true);
        Object s = sender.get(f.get(client));
        java.lang.reflect.Method http = s.getClass().getDeclaredMethod("client");
        http.setAccessible(true);
        return (OkHttpClient) http.invoke(s);
    }
}
