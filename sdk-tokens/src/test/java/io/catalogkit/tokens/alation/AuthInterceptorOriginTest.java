package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.MockAnswers;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * {@code authInterceptor()} in a caller's own OkHttp client, against an Alation that redirects or
 * mints a token no header can carry: the token stays on its host, and only {@link IOException}s
 * come out.
 */
class AuthInterceptorOriginTest {
    static final String TABLES = "/integration/v2/table/";

    @StartStop
    final MockWebServer alation = new MockWebServer();

    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    /** The access token value the fake mint hands out. */
    volatile String minted = "at-EXAMPLE-Vd3kP0sLr6nYq2Hz";

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
                                    + minted.replace("\n", "\\n") + "\"}");
                }
                return new MockResponse.Builder()
                        .code(302)
                        .setHeader("Location", elsewhere.url("/collect"))
                        .build();
            }
        });
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("thanks").build());
        client = AlationClient.builder()
                .baseUrl(alation.url("/").toString())
                .refreshToken(Secret.of("rt-EXAMPLE-7hQ2vN9xLk4pZm8w"), 17)
                .build();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    Response get(OkHttpClient http) throws IOException {
        return http.newCall(new Request.Builder().url(alation.url(TABLES)).build())
                .execute();
    }

    List<String> tokensSeen(MockWebServer server) throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            if (r.getRequestLine() != null && !r.getUrl().encodedPath().endsWith("/createAPIAccessToken/")) {
                seen.add(String.valueOf(r.getHeaders().get("TOKEN")));
            }
        }
        return seen;
    }

    @Test
    void aRedirectToAnotherHostNeverCarriesTheToken() throws Exception {
        start();
        OkHttpClient http = new OkHttpClient.Builder()
                .followRedirects(true)
                .followSslRedirects(true)
                .addInterceptor(client.authInterceptor())
                .build();
        Throwable thrown = catchThrowable(() -> get(http).close());
        assertThat(tokensSeen(elsewhere)).as("the other host never sees TOKEN").isEmpty();
        assertThat(tokensSeen(alation)).containsExactly(minted);
        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("TOKEN");
        assertThat(thrown.getMessage()).doesNotContain(minted);
        assertThat(thrown.getCause()).isInstanceOf(CatalogKitException.class);
    }

    @Test
    void asANetworkInterceptorTheRedirectIsFollowedWithoutTheToken() throws Exception {
        start();
        OkHttpClient http = new OkHttpClient.Builder()
                .addNetworkInterceptor(client.authInterceptor())
                .build();
        try (Response r = get(http)) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(tokensSeen(alation)).containsExactly(minted);
        assertThat(tokensSeen(elsewhere)).containsExactly("null");
    }

    @Test
    void aMintedTokenNoHeaderCanCarryIsAnIOExceptionNeverQuotingIt() throws Exception {
        minted = "at-line\nbreak-secret";
        start();
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(client.authInterceptor())
                .build();
        IOException e = catchThrowableOfType(IOException.class, () -> get(http).close());
        assertThat(e.getCause()).isInstanceOf(CatalogKitException.class);
        assertThat(e.getMessage()).doesNotContain("break-secret");
        assertThat(e.getCause().getMessage()).doesNotContain("break-secret");
    }

    @Test
    void asynchronousCallsSeeOnFailureAndNothingIsThrownOnTheDispatcherThread() throws Exception {
        minted = "at-line\nbreak-secret";
        start();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService executor = new ThreadPoolExecutor(0, 4, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dispatcher");
            t.setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
            return t;
        });
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(new okhttp3.Dispatcher(executor))
                .addInterceptor(client.authInterceptor())
                .build();
        AtomicReference<IOException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        http.newCall(new Request.Builder().url(alation.url(TABLES)).build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failure.set(e);
                done.countDown();
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().getCause()).isInstanceOf(CatalogKitException.class);
        assertThat(uncaught).isEmpty();
    }
}
