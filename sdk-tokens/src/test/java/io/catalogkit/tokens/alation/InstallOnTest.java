package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.MockAnswers;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code installOn(builder)} and {@code authInterceptor()} in a caller's own OkHttp client: the token
 * on its host only (a redirect elsewhere followed without it), the replay after a 401, and answers
 * OkHttp would fail on with a {@link RuntimeException} coming out as {@link IOException}s, in
 * synchronous and asynchronous calls alike.
 */
class InstallOnTest {
    static final String TABLES = "/integration/v2/table/";
    static final String MINTED = "at-EXAMPLE-install-on-0001";

    @StartStop
    final MockWebServer alation = new MockWebServer();

    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    /** What the data endpoint answers, in turn; the last one again once the list is used up. */
    final List<Supplier<MockResponse>> answers = new CopyOnWriteArrayList<>();

    final AtomicInteger mints = new AtomicInteger();
    AlationClient client;

    void start() {
        alation.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getUrl().encodedPath().endsWith("/createAPIAccessToken/")) {
                    return MockAnswers.json(
                            201,
                            "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:20:02Z\", \"token_expires_at\":"
                                    + " \"2999-03-05T09:20:02Z\", \"token_status\": \"ACTIVE\", \"api_access_token\": \""
                                    + MINTED + "-" + mints.incrementAndGet() + "\"}");
                }
                return (answers.size() > 1 ? answers.remove(0) : answers.get(0)).get();
            }
        });
        client = AlationClient.builder()
                .baseUrl(alation.url("/").toString())
                .refreshToken(Secret.of("rt-EXAMPLE-install-on-7hQ2vN9x"), 17)
                .build();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The data endpoint's TOKEN headers, in order ("null" for none). */
    static List<String> tokensSeen(MockWebServer server) throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            if (!r.getUrl().encodedPath().endsWith("/createAPIAccessToken/")) {
                seen.add(String.valueOf(r.getHeaders().get("TOKEN")));
            }
        }
        return seen;
    }

    Request tables() {
        return new Request.Builder().url(alation.url(TABLES)).build();
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheToken() throws Exception {
        answers.add(() -> new MockResponse.Builder()
                .code(302)
                .setHeader("Location", elsewhere.url("/collect"))
                .build());
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("thanks").build());
        start();
        OkHttpClient http = client.installOn(new OkHttpClient.Builder()).build();
        try (Response r = http.newCall(tables()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("thanks");
        }
        assertThat(tokensSeen(alation)).containsExactly(MINTED + "-1");
        assertThat(tokensSeen(elsewhere)).containsExactly("null");
    }

    @Test
    void aRedirectOnTheSameHostKeepsTheToken() throws Exception {
        answers.add(() -> new MockResponse.Builder()
                .code(302)
                .setHeader("Location", alation.url("/integration/v2/moved/"))
                .build());
        answers.add(() -> new MockResponse.Builder().code(200).body("[]").build());
        start();
        OkHttpClient http = client.installOn(new OkHttpClient.Builder()).build();
        try (Response r = http.newCall(tables()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(tokensSeen(alation)).containsExactly(MINTED + "-1", MINTED + "-1");
    }

    @Test
    void aRejectedTokenIsReplacedAndTheRequestReplayedOnce() throws Exception {
        answers.add(() -> new MockResponse.Builder().code(401).build());
        answers.add(() -> new MockResponse.Builder().code(200).body("[]").build());
        start();
        OkHttpClient http = client.installOn(new OkHttpClient.Builder()).build();
        try (Response r = http.newCall(tables()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(tokensSeen(alation)).containsExactly(MINTED + "-1", MINTED + "-2");
    }

    @Test
    void aCallerInterceptorThatReplacesTheCookieJarDoesNotRemoveTheGuard() throws Exception {
        answers.add(() -> new MockResponse.Builder()
                .code(302)
                .setHeader("Location", elsewhere.url("/collect"))
                .build());
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("thanks").build());
        start();
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(chain ->
                        chain.withCookieJar(okhttp3.CookieJar.NO_COOKIES).proceed(chain.request()))
                .addInterceptor(client.authInterceptor())
                .addInterceptor(chain ->
                        chain.withCookieJar(okhttp3.CookieJar.NO_COOKIES).proceed(chain.request()))
                .build();
        Throwable thrown = catchThrowable(() -> http.newCall(tables()).execute().close());
        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("TOKEN");
        assertThat(tokensSeen(elsewhere)).isEmpty();
    }

    /** The two ways to put Alation's authentication on a caller's client. */
    enum Install {
        AUTH_INTERCEPTOR(c -> new OkHttpClient.Builder().addInterceptor(c.authInterceptor())),
        INSTALL_ON(c -> c.installOn(new OkHttpClient.Builder()));

        final Function<AlationClient, OkHttpClient.Builder> builder;

        Install(Function<AlationClient, OkHttpClient.Builder> builder) {
            this.builder = builder;
        }
    }

    static Stream<Arguments> unreadableAnswers() {
        Supplier<MockResponse> hugeRetryAfter = () -> new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "99999999999")
                .build();
        Supplier<MockResponse> negativeLength = () -> new MockResponse.Builder()
                .code(200)
                .body("{}")
                .setHeader("Content-Length", "-5")
                .build();
        return Stream.of(Install.values())
                .flatMap(i -> Stream.of(
                        Arguments.of(i, "a Retry-After beyond int", hugeRetryAfter),
                        Arguments.of(i, "a negative Content-Length", negativeLength)));
    }

    @ParameterizedTest(name = "{0}: {1}, synchronous")
    @MethodSource("unreadableAnswers")
    void anAnswerOkHttpCannotReadIsAnIOException(Install install, String what, Supplier<MockResponse> answer) {
        answers.add(answer);
        start();
        OkHttpClient http = install.builder.apply(client).build();
        Throwable thrown = catchThrowable(() -> {
            try (Response r = http.newCall(tables()).execute()) {
                r.body().string();
            }
        });
        assertThat(thrown).as(what).isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0}: {1}, asynchronous")
    @MethodSource("unreadableAnswers")
    void anAnswerOkHttpCannotReadIsOnFailureAndNoDispatcherThreadDies(
            Install install, String what, Supplier<MockResponse> answer) throws Exception {
        answers.add(answer);
        start();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService executor = new ThreadPoolExecutor(0, 4, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dispatcher");
            t.setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
            return t;
        });
        OkHttpClient http = install.builder
                .apply(client)
                .dispatcher(new okhttp3.Dispatcher(executor))
                .build();
        CompletableFuture<IOException> failure = new CompletableFuture<>();
        http.newCall(tables()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failure.complete(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    response.body().string();
                    failure.completeExceptionally(new AssertionError("expected a failure"));
                } catch (IOException e) {
                    failure.complete(e);
                }
            }
        });
        assertThat(failure.get(10, TimeUnit.SECONDS)).as(what).isNotNull();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(uncaught).as("thrown on the dispatcher thread").isEmpty();
    }
}
