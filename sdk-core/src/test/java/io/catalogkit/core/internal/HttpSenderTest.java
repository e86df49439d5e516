package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The sending stage alone: one exchange per attempt, whatever OkHttp would do on its own. */
class HttpSenderTest {
    static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    final TestClients clients = new TestClients();

    HttpSender sender(TestClients.Builder b) {
        return new HttpSender(b.build(), List.of("TOKEN"));
    }

    HttpSender sender() {
        return sender(clients.builder(server.url("/").toString()));
    }

    /** A caller's client with every follow-up OkHttp can make switched on. */
    static OkHttpClient eagerClient() {
        Authenticator replay = (route, response) -> response.request()
                .newBuilder()
                .header("Authorization", "Basic again")
                .build();
        return new OkHttpClient.Builder()
                .followRedirects(true)
                .followSslRedirects(true)
                .retryOnConnectionFailure(true)
                .authenticator(replay)
                .proxyAuthenticator(replay)
                .build();
    }

    Attempt attempt;

    /** A request of a new attempt. */
    Request request(String url) {
        attempt = new Attempt(0);
        return new Request.Builder().url(url).tag(Attempt.class, attempt).build();
    }

    HttpSender.Raw send(HttpSender s, Request r) throws HttpSender.Failed {
        return s.send(r, attempt, TEN_SECONDS);
    }

    @Test
    void a503WithRetryAfterZeroIsAnsweredOnceAndTheHeaderKeptForThePolicy() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(503)
                    .setHeader("Retry-After", "0")
                    .build());
        }
        HttpSender.Raw raw = send(sender(), request(server.url("/x").toString()));
        assertThat(raw.status()).isEqualTo(503);
        assertThat(raw.retryAfter()).isEqualTo("0");
        assertThat(raw.headers().get("Retry-After")).isNull();
        assertThat(server.getRequestCount())
                .as("OkHttp re-sends this on its own")
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondIntIsKeptAsTextNotParsedByOkHttp() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "99999999999")
                .build());
        HttpSender.Raw raw = send(sender(), request(server.url("/x").toString()));
        assertThat(raw.retryAfter()).isEqualTo("99999999999");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aCallersClientThatFollowsUpStillSendsOncePerAttempt() throws Exception {
        HttpSender s = sender(clients.builder(server.url("/").toString()).httpClient(eagerClient()));
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", server.url("/moved"))
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Basic realm=\"x\"")
                .build());
        server.enqueue(new MockResponse.Builder().code(408).build());
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .setHeader("Location", elsewhere.url("/moved"))
                .build());
        for (int i = 0; i < 8; i++) {
            server.enqueue(new MockResponse.Builder().code(200).body("replayed").build());
        }
        assertThat(send(s, request(server.url("/a").toString())).status()).isEqualTo(302);
        assertThat(send(s, request(server.url("/b").toString())).status()).isEqualTo(401);
        assertThat(send(s, request(server.url("/c").toString())).status()).isEqualTo(408);
        Request post = request(server.url("/d").toString())
                .newBuilder()
                .post(RequestBody.create(new byte[] {1}, null))
                .build();
        assertThat(send(s, post).status()).isEqualTo(307);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void aSecondNetworkRequestWithinOneAttemptFailsLoudly() {
        OkHttpClient retrying = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    chain.proceed(chain.request()).close();
                    return chain.proceed(chain.request());
                })
                .build();
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        HttpSender s = sender(clients.builder(server.url("/").toString()).httpClient(retrying));
        HttpSender.Failed f = catchThrowableOfType(
                HttpSender.Failed.class, () -> send(s, request(server.url("/x").toString())));
        assertThat(f.getCause()).isInstanceOf(FollowUpGuard.FollowUpRefused.class);
        assertThat(f.getCause().getMessage()).contains("follow-up");
        assertThat(f.sent()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNegativeContentLengthIsAFailureAfterSendingNotAnEscapedRuntimeException() throws Exception {
        try (RawServer raw = new RawServer("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}")) {
            HttpSender.Failed f =
                    catchThrowableOfType(HttpSender.Failed.class, () -> send(sender(), request(raw.url())));
            assertThat(f.sent()).isTrue();
            assertThat(f.getCause()).isInstanceOf(ProtocolException.class);
            assertThat(f.getCause().getCause()).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aRefusedConnectionWasNotSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpSender.Failed f = catchThrowableOfType(
                HttpSender.Failed.class, () -> send(sender(), request("http://127.0.0.1:" + port + "/")));
        assertThat(f.sent()).isFalse();
    }

    @Test
    void credentialsGoOnlyToTheConfiguredOrigin() {
        Request toElsewhere = request(elsewhere.url("/x").toString())
                .newBuilder()
                .header("TOKEN", "t-secret")
                .build();
        HttpSender.Failed f = catchThrowableOfType(HttpSender.Failed.class, () -> send(sender(), toElsewhere));
        assertThat(f.getCause()).hasMessageContaining("TOKEN").hasMessageNotContaining("t-secret");
        Request bearer = request(elsewhere.url("/x").toString())
                .newBuilder()
                .header("Authorization", "Bearer b")
                .build();
        assertThat(catchThrowableOfType(HttpSender.Failed.class, () -> send(sender(), bearer)))
                .isNotNull();
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void closingReleasesOnlyItsOwnClient() throws IOException {
        OkHttpClient shared = new OkHttpClient();
        HttpSender s = sender(clients.builder(server.url("/").toString()).httpClient(shared));
        assertThat(s.client().connectionPool()).isSameAs(shared.connectionPool());
        assertThat(s.client().dispatcher()).isSameAs(shared.dispatcher());
        s.close();
        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
        HttpSender own = sender();
        own.close();
        assertThat(own.client().dispatcher().executorService().isShutdown()).isTrue();
    }
}
