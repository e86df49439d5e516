package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Answers that parse but cannot be true are refused, or treated as unknown, with a WARN. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class AnswerSanityTest {
    static final String GUID = "3f9c2b71-5d0e-4a6b-8c19-7e2d4f6a1b35";
    static final String OTHER = "0e0e0e0e-5d0e-4a6b-8c19-7e2d4f6a1b35";
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    static String atlanToken(String guid) {
        return "{\"id\":\"" + guid + "\",\"clientId\":\"apikey-b7e4d2a0-91c3-4f58-a6d2-0c8e5f1b3a97\","
                + "\"displayName\":\"n\",\"attributes\":{\"description\":\"\",\"createdAt\":1735689600000,"
                + "\"access.token.lifespan\":157680000,\"personaQualifiedName\":[\"" + P1 + "\"]}}";
    }

    @Test
    void atlanUpdateAnsweringAnotherGuidIsMalformedAndWarned() {
        server.enqueue(MockAnswers.json(200, atlanToken(OTHER)));
        try (StderrCapture log = new StderrCapture();
                AtlanClient c = AtlanClient.builder()
                        .baseUrl(server.url("/").toString())
                        .apiKey(Secret.of("atlan-key-123456"))
                        .build()) {
            assertThatThrownBy(() -> c.apiTokens().update(GUID, "n", "", Set.of(P1)))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("GUID " + GUID)
                    .hasMessageContaining(OTHER);
            assertThat(log.text()).contains("WARN").contains("update API token");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void dataHubListWithANegativeTotalIsMalformedAndWarned() {
        server.enqueue(MockAnswers.json(
                200,
                "{\"data\": {\"listAccessTokens\": {\"start\": 0, \"count\": 10, \"total\": -5, \"tokens\": []}}}"));
        try (StderrCapture log = new StderrCapture();
                DataHubClient c = DataHubClient.builder()
                        .baseUrl(server.url("/").toString())
                        .token(Secret.of("datahub-token-123456"))
                        .build()) {
            assertThatThrownBy(() -> c.accessTokens().list(0, 10, "urn:li:corpuser:jdoe"))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("total of 0 or more");
            assertThat(log.text()).contains("WARN").contains("list access tokens");
        }
    }

    @Test
    void anAlationExpiryNotAfterCreationIsUnknownAndFiftyCallsMintOnce() throws Exception {
        AtomicInteger mints = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getUrl().encodedPath().contains("createAPIAccessToken")) {
                    int n = mints.incrementAndGet();
                    String at = "2026-03-01T10:00:00Z";
                    return MockAnswers.json(
                            201,
                            "{\"user_id\": 17, \"created_at\": \"" + at + "\", \"token_expires_at\": \"" + at
                                    + "\", \"token_status\": \"ACTIVE\", \"api_access_token\": \"minted-access-" + n
                                    + "-0123456789\"}");
                }
                return MockAnswers.json(200, "[]");
            }
        });
        try (StderrCapture log = new StderrCapture();
                AlationClient c = AlationClient.builder()
                        .baseUrl(server.url("/").toString())
                        .refreshToken(Secret.of("refresh-token-0123456789"), 17)
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .build()) {
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(c.authInterceptor())
                    .build();
            for (int i = 0; i < 50; i++) {
                try (Response r = http.newCall(new Request.Builder()
                                .url(server.url(FakeAlation.TABLES))
                                .build())
                        .execute()) {
                    assertThat(r.code()).isEqualTo(200);
                }
            }
            http.dispatcher().executorService().shutdown();
            assertThat(mints.get()).isEqualTo(1);
            assertThat(log.text())
                    .contains("WARN")
                    .contains("create API access token")
                    .doesNotContain("minted-access-1");
        }
    }
}
