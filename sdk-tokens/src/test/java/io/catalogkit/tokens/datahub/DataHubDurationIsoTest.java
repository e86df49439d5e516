package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code create} with a {@link Duration}: {@code durationIso} on newer servers, a clear way out on others. */
class DataHubDurationIsoTest {
    static final Instant NOW = Instant.parse("2024-11-23T00:00:00Z");
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJhY3RvcklkIjoiamRvZSJ9.ZHVyYXRpb24taXNvLXNpZw";

    @StartStop
    final MockWebServer server = new MockWebServer();

    DataHubClient client;

    @BeforeEach
    void open() {
        client = DataHubClient.builder()
                .baseUrl(server.url("/").toString())
                .token(TestSupport.jwt("jdoe", NOW.plus(Duration.ofDays(30)).getEpochSecond()))
                .clock(new FakeClock(NOW))
                .sleeper(d -> {})
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sendsDurationIsoInsteadOfDuration() throws Exception {
        server.enqueue(MockAnswers.json(
                200,
                "{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + JWT + "\", \"metadata\": {\"id\": \"i\","
                        + " \"actorUrn\": \"urn:li:corpuser:jdoe\", \"ownerUrn\": \"urn:li:corpuser:jdoe\", \"name\": \"ci\","
                        + " \"createdAt\": 1732320000000, \"expiresAt\": 1734912000000}}}}"));
        AccessToken t = client.accessTokens().create("urn:li:corpuser:jdoe", Duration.ofDays(30), "ci", null);
        assertThat(t.getSecret().map(Secret::reveal)).contains(JWT);
        JsonNode input =
                Json.MAPPER.readTree(server.takeRequest().getBody().utf8()).at("/variables/input");
        assertThat(input)
                .isEqualTo(Json.MAPPER.readTree("{\"type\": \"PERSONAL\", \"actorUrn\": \"urn:li:corpuser:jdoe\","
                        + " \"name\": \"ci\", \"durationIso\": \"P30D\"}"));

        server.enqueue(
                MockAnswers.json(200, "{\"data\": {\"createAccessToken\": {\"accessToken\": \"" + JWT + "\"}}}"));
        client.accessTokens().create("urn:li:corpuser:jdoe", Duration.ofMinutes(90), "ci", null);
        assertThat(Json.MAPPER
                        .readTree(server.takeRequest().getBody().utf8())
                        .at("/variables/input/durationIso")
                        .asText())
                .isEqualTo("PT1H30M");
    }

    @Test
    void aRefusedLifetimeShowsTheServersAllowedList() {
        server.enqueue(MockAnswers.json(
                200,
                "{\"errors\": [{\"message\": \"Duration P2D is not allowed. Allowed durations: PT1H, P1D, P7D, P30D,"
                        + " P90D, P180D, P365D\", \"path\": [\"createAccessToken\"], \"extensions\": {\"code\": 400,"
                        + " \"type\": \"BAD_REQUEST\"}}], \"data\": {\"createAccessToken\": null}}"));
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> client.accessTokens().create("urn:li:corpuser:jdoe", Duration.ofDays(2), "ci", null));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Allowed durations: PT1H, P1D", "ACCESS_TOKEN_ALLOWED_DURATIONS");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorStillSaysTheTokenMayExist() {
        server.enqueue(MockAnswers.json(500, "{\"errors\": [{\"message\": \"boom\"}]}"));
        assertThatThrownBy(() -> client.accessTokens().create("urn:li:corpuser:jdoe", Duration.ofDays(1), "ci", null))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("may have been created");
    }

    @Test
    void badLifetimesAreRefusedBeforeSending() {
        DataHubTokenService t = client.accessTokens();
        assertThatThrownBy(() -> t.create("urn:li:corpuser:jdoe", Duration.ZERO, "ci", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.create("urn:li:corpuser:jdoe", Duration.ofHours(-1), "ci", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.create("urn:li:corpuser:jdoe", (Duration) null, "ci", null))
                .isInstanceOf(RuntimeException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aNewerServerOnTheFakeTakesTheIsoLifetime() {
        try (FakeDataHub hub = new FakeDataHub().start()) {
            hub.schemaBuild(FakeDataHub.SchemaBuild.CORE_DURATION_ISO).addAdmin("urn:li:corpuser:datahub");
            try (DataHubClient admin = DataHubClient.builder()
                    .baseUrl(hub.baseUrl())
                    .token(hub.addAccessToken("urn:li:corpuser:datahub").secret())
                    .clock(hub.clock())
                    .build()) {
                Instant now = hub.clock().instant();
                AccessToken made =
                        admin.accessTokens().create("urn:li:corpuser:datahub", Duration.ofDays(30), "ci", null);
                assertThat(made.getExpiresAt()).contains(now.plus(Duration.ofDays(30)));
                assertThat(made.getSecret()).isPresent();
                AccessToken odd =
                        admin.accessTokens().create("urn:li:corpuser:datahub", Duration.ofMinutes(90), "odd", null);
                assertThat(odd.getExpiresAt()).contains(now.plus(Duration.ofMinutes(90)));
                assertThat(hub.tokenIds()).hasSize(3).contains(made.getId().orElseThrow());
                // the enum lifetime still works on the newer build
                AccessToken week = admin.accessTokens()
                        .create("urn:li:corpuser:datahub", AccessTokenDuration.ONE_WEEK, "week", null);
                assertThat(week.getExpiresAt()).contains(now.plus(Duration.ofDays(7)));
            }
        }
    }

    /** Both shipped schema files predate durationIso: the fake answers as such a server does. */
    @ParameterizedTest
    @EnumSource(
            value = FakeDataHub.SchemaBuild.class,
            names = {"CORE_1_4", "PRE_SERVICE_ACCOUNTS"})
    void aServerWithoutDurationIsoNamesTheEnumToUse(FakeDataHub.SchemaBuild build) {
        try (FakeDataHub hub = new FakeDataHub().start()) {
            hub.schemaBuild(build).addAdmin("urn:li:corpuser:datahub");
            try (DataHubClient admin = DataHubClient.builder()
                    .baseUrl(hub.baseUrl())
                    .token(hub.addAccessToken("urn:li:corpuser:datahub").secret())
                    .build()) {
                ApiException e = catchThrowableOfType(
                        ApiException.class,
                        () -> admin.accessTokens().create("urn:li:corpuser:datahub", Duration.ofDays(30), "ci", null));
                assertThat(e.getMessage())
                        .contains("AccessTokenDuration.ONE_MONTH")
                        .contains("durationIso")
                        .doesNotContain("Validation error");
                ApiException week = catchThrowableOfType(
                        ApiException.class,
                        () -> admin.accessTokens().create("urn:li:corpuser:datahub", Duration.ofDays(8), "ci", null));
                assertThat(week.getMessage()).contains("AccessTokenDuration.ONE_WEEK");
                assertThat(hub.tokenIds()).hasSize(1);
            }
        }
    }
}
