package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeDataHub;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class DataHubClientTest {
    @Test
    void buildNeedsABaseUrlAndAToken() {
        assertThatThrownBy(() -> DataHubClient.builder().token(Secret.of("t")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATAHUB_GMS_URL");
        assertThatThrownBy(() ->
                        DataHubClient.builder().baseUrl("http://localhost:8080").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token")
                .hasMessageContaining("DATAHUB_GMS_TOKEN");
        assertThatThrownBy(() -> DataHubClient.builder().token((Secret) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DataHubClient.builder()
                        .baseUrl("http://datahub.example.com:8080")
                        .token(Secret.of("t"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowInsecureHttp");
        try (DataHubClient c = DataHubClient.builder()
                .baseUrl("http://datahub.example.com:8080")
                .allowInsecureHttp(true)
                .token(Secret.of("t"))
                .build()) {
            assertThat(c.accessTokens()).isNotNull();
        }
    }

    @Test
    void fromEnvNamesTheMissingVariable() {
        assertThatThrownBy(() -> DataHubClient.fromEnv(Map.of("DATAHUB_GMS_TOKEN", "t")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATAHUB_GMS_URL");
        assertThatThrownBy(() -> DataHubClient.fromEnv(Map.of("DATAHUB_GMS_URL", "http://localhost:8080")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATAHUB_GMS_TOKEN");
        assertThatThrownBy(() -> DataHubClient.fromEnv(Map.of("DATAHUB_GMS_URL", " ", "DATAHUB_GMS_TOKEN", "t")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATAHUB_GMS_URL");
    }

    @Test
    void fromEnvTalksToTheServerWithTheToken() {
        try (FakeDataHub hub = new FakeDataHub().start()) {
            hub.addUser("urn:li:corpuser:jdoe", FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Secret token = hub.addAccessToken("urn:li:corpuser:jdoe").secret();
            try (DataHubClient c = DataHubClient.fromEnv(
                    Map.of("DATAHUB_GMS_URL", hub.baseUrl() + "/", "DATAHUB_GMS_TOKEN", token.reveal()))) {
                assertThat(c.actorUrn()).contains("urn:li:corpuser:jdoe");
                assertThat(c.accessTokens().list(0, 10, "urn:li:corpuser:jdoe").getTotal())
                        .isEqualTo(1);
            }
            assertThat(hub.requests("/api/graphql")).hasSize(1);
        }
    }

    @Test
    void aBasePathIsKept() {
        try (FakeDataHub hub = new FakeDataHub().start();
                DataHubClient c = DataHubClient.builder()
                        .baseUrl(hub.baseUrl() + "/gms")
                        .token(Secret.of("t"))
                        .maxRetries(0)
                        .build()) {
            // the fake serves /api/graphql only: the prefixed path is refused with 405
            assertThatThrownBy(() -> c.accessTokens().list(0, 1, null))
                    .isInstanceOf(io.catalogkit.core.ApiException.class)
                    .hasMessageContaining("/gms/api/graphql");
        }
    }

    @Test
    void actorUrnComesFromTheTokensClaims() {
        try (DataHubClient c = DataHubClient.builder()
                .baseUrl("http://localhost:8080")
                .token(TestSupport.jwt("jdoe", 1L))
                .build()) {
            assertThat(c.actorUrn()).contains("urn:li:corpuser:jdoe");
        }
        try (DataHubClient c = DataHubClient.builder()
                .baseUrl("http://localhost:8080")
                .token(Secret.of("not-a-jwt"))
                .build()) {
            assertThat(c.actorUrn()).isEmpty();
        }
    }

    @Test
    void closingLeavesASharedHttpClientOpen() {
        OkHttpClient shared = new OkHttpClient();
        DataHubClient c = DataHubClient.builder()
                .baseUrl("http://localhost:8080")
                .token(Secret.of("t"))
                .httpClient(shared)
                .build();
        c.close();
        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
        shared.dispatcher().executorService().shutdown();
    }

    @Test
    void durationsCarryDataHubsLifetimes() {
        assertThat(AccessTokenDuration.ONE_HOUR.lifetime()).contains(Duration.ofHours(1));
        assertThat(AccessTokenDuration.ONE_MONTH.lifetime()).contains(Duration.ofDays(30));
        assertThat(AccessTokenDuration.ONE_YEAR.lifetime()).contains(Duration.ofDays(365));
        assertThat(AccessTokenDuration.NO_EXPIRY.lifetime()).isEmpty();
        assertThat(AccessTokenDuration.values())
                .extracting(Enum::name)
                .containsExactly(
                        "ONE_HOUR",
                        "ONE_DAY",
                        "ONE_WEEK",
                        "ONE_MONTH",
                        "THREE_MONTHS",
                        "SIX_MONTHS",
                        "ONE_YEAR",
                        "NO_EXPIRY");
    }
}
