package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeServerTest {
    /** The smallest fake: counts requests and echoes the path; its count is its state. */
    static final class EchoFake extends FakeServer<EchoFake> {
        int handled;
        int seededHandled;

        EchoFake() {
            super(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")));
        }

        @Override
        protected synchronized void saveSeededState() {
            seededHandled = handled;
        }

        @Override
        protected synchronized void restoreSeededState() {
            handled = seededHandled;
        }

        @Override
        protected synchronized Reply handle(RecordedCall call) {
            handled++;
            if (call.path().equals("/boom")) {
                throw new IllegalStateException("boom");
            }
            return Reply.json(
                            200,
                            Map.of("path", call.path(), "now", clock().instant().toString()))
                    .withHeader("X-Request-Id", "fake-1");
        }
    }

    final EchoFake fake = new EchoFake().start();
    final OkHttpClient http =
            new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    @AfterEach
    void close() {
        fake.close();
    }

    private Response call(String path) throws IOException {
        return http.newCall(new Request.Builder()
                        .url(fake.baseUrl() + path)
                        .post(RequestBody.create("{\"a\":1}", MediaType.get("application/json")))
                        .header("Authorization", "Bearer t")
                        .build())
                .execute();
    }

    @Test
    void answersOnLoopbackAndRecordsRequests() throws IOException {
        assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
        try (Response r = call("/a%20b?x=1&y=%7B%7D")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("X-Request-Id")).isEqualTo("fake-1");
            assertThat(r.body().string()).contains("\"path\":\"/a b\"");
        }
        RecordedCall c = fake.requests().get(0);
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.path()).isEqualTo("/a b");
        assertThat(c.query("y")).contains("{}");
        assertThat(c.queryNames()).containsExactly("x", "y");
        assertThat(c.header("authorization")).contains("Bearer t");
        assertThat(c.json().get("a").asInt()).isEqualTo(1);
        assertThat(fake.requests("/a b")).hasSize(1);
        fake.clearRequests();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void overHttpsATrustingClientGetsHttp2AndOthersFailTheHandshake() throws IOException {
        assertThatThrownBy(fake::https).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(fake::clientCertificates).isInstanceOf(IllegalStateException.class);
        try (EchoFake tls = new EchoFake().https().start()) {
            assertThat(tls.baseUrl()).startsWith("https://127.0.0.1:");
            assertThat(tls.httpClient()).isSameAs(tls.httpClient());
            try (Response r = tls.httpClient()
                    .newCall(new Request.Builder().url(tls.baseUrl() + "/t").build())
                    .execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.protocol()).isEqualTo(okhttp3.Protocol.HTTP_2);
            }
            assertThatThrownBy(() -> http.newCall(new Request.Builder()
                                    .url(tls.baseUrl() + "/t")
                                    .build())
                            .execute())
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            tls.failNext(1, Fault.disconnect());
            OkHttpClient once = tls.httpClient()
                    .newBuilder()
                    .retryOnConnectionFailure(false)
                    .build();
            assertThatThrownBy(() -> once.newCall(new Request.Builder()
                                    .url(tls.baseUrl() + "/t")
                                    .build())
                            .execute()
                            .close())
                    .isInstanceOf(IOException.class);
            assertThat(tls.requests()).hasSize(2);
        }
    }

    @Test
    void theClockMovesOnlyWhenTold() throws IOException {
        fake.clock().advance(Duration.ofDays(1));
        try (Response r = call("/t")) {
            assertThat(r.body().string()).contains("2026-01-02T00:00:00Z");
        }
        assertThatThrownBy(() -> fake.clock().advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        fake.clock().set(Instant.EPOCH);
        assertThat(fake.clock().instant()).isEqualTo(Instant.EPOCH);
        assertThat(fake.clock().withZone(java.time.ZoneOffset.UTC)).isSameAs(fake.clock());
    }

    @Test
    void faultsAnswerTheNextRequestsThenStop() throws IOException {
        fake.failNext(2, Fault.status(503, "5"));
        fake.failNext(1, Fault.html(200));
        try (Response r = call("/x")) {
            assertThat(r.code()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("5");
        }
        try (Response r = call("/x")) {
            assertThat(r.code()).isEqualTo(503);
        }
        try (Response r = call("/x")) {
            assertThat(r.header("Content-Type")).startsWith("text/html");
        }
        try (Response r = call("/x")) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(fake.handled).isEqualTo(1);
        assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void afterHandlingFaultsChangeStateButFailTheCaller() throws IOException {
        fake.failNext(1, Fault.status(500).afterHandling());
        try (Response r = call("/x")) {
            assertThat(r.code()).isEqualTo(500);
        }
        assertThat(fake.handled).isEqualTo(1);
    }

    @Test
    void aDisconnectGivesTheCallerAnIoError() {
        fake.failNext(1, Fault.disconnect());
        assertThatThrownBy(() -> call("/x").close()).isInstanceOf(IOException.class);
    }

    @Test
    void aSlowAnswerStillCarriesTheRealReply() throws IOException {
        fake.failNext(1, Fault.slow(Duration.ofMillis(50)));
        try (Response r = call("/slow")) {
            assertThat(r.body().string()).contains("/slow");
        }
    }

    @Test
    void aFailingHandlerIsA500NotACrash() throws IOException {
        try (Response r = call("/boom")) {
            assertThat(r.code()).isEqualTo(500);
            assertThat(r.body().string()).contains("IllegalStateException");
        }
    }

    @Test
    void baseUrlBeforeStartIsAClearError() {
        EchoFake notStarted = new EchoFake();
        assertThatThrownBy(notStarted::baseUrl).hasMessageContaining("call start() first");
        assertThat(notStarted).hasToString("EchoFake[not started]");
        notStarted.close();
        assertThatThrownBy(notStarted::start).hasMessageContaining("starts once");
    }

    @Test
    void aFakeStartsOnce() {
        assertThatThrownBy(fake::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reset()");
    }

    @Test
    void toStringNamesTheFakeAndItsBaseUrlOnly() {
        assertThat(fake).hasToString("EchoFake[" + fake.baseUrl() + "]");
    }

    @Test
    void resetGoesBackToTheStateMarkedSeeded() throws IOException {
        call("/before").close();
        Instant seededAt = fake.clock().advance(Duration.ofHours(1));
        assertThat(fake.markSeeded()).isSameAs(fake);

        call("/after").close();
        fake.clock().advance(Duration.ofDays(3));
        fake.failNext(2, Fault.status(500));
        assertThat(fake.handled).isEqualTo(2);

        assertThat(fake.reset()).isSameAs(fake);
        assertThat(fake.handled).as("the fake's own state").isEqualTo(1);
        assertThat(fake.clock().instant()).isEqualTo(seededAt);
        assertThat(fake.requests()).isEmpty();
        try (Response r = call("/x")) {
            assertThat(r.code()).as("pending faults are dropped").isEqualTo(200);
        }
    }

    @Test
    void withoutMarkSeededResetGoesBackToTheFakeAsConstructed() throws IOException {
        call("/x").close();
        fake.clock().advance(Duration.ofMinutes(5));
        fake.reset();
        assertThat(fake.handled).isZero();
        assertThat(fake.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void chainingMethodsReturnTheFakeItself() {
        assertThat(fake.failNext(1, Fault.status(503))).isSameAs(fake);
        assertThat(fake.clearRequests()).isSameAs(fake);
    }
}
