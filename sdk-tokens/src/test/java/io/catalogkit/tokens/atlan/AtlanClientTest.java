package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAtlan;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AtlanClientTest {
    @Test
    void buildNamesAMissingApiKeyOrBaseUrl() {
        assertThatThrownBy(() ->
                        AtlanClient.builder().baseUrl("https://t.atlan.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageContaining("ATLAN_API_KEY");
        assertThatThrownBy(() -> AtlanClient.builder().apiKey(Secret.of("k")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ATLAN_BASE_URL");
        assertThatThrownBy(() -> AtlanClient.builder().apiKey((Secret) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildRefusesPlainHttpToARemoteHost() {
        assertThatThrownBy(() -> AtlanClient.builder()
                        .baseUrl("http://tenant.atlan.com")
                        .apiKey(Secret.of("k"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowInsecureHttp");
        try (AtlanClient c = AtlanClient.builder()
                .baseUrl("http://tenant.atlan.com")
                .allowInsecureHttp(true)
                .apiKey(Secret.of("k"))
                .build()) {
            assertThat(c.toString()).isEqualTo("AtlanClient[http://tenant.atlan.com/]");
        }
    }

    @Test
    void fromEnvNamesTheMissingVariable() {
        assertThatThrownBy(() -> AtlanClient.fromEnv(Map.of("ATLAN_API_KEY", "k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAN_BASE_URL");
        assertThatThrownBy(() -> AtlanClient.fromEnv(Map.of("ATLAN_BASE_URL", "https://t.atlan.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAN_API_KEY");
        assertThatThrownBy(() -> AtlanClient.fromEnv(Map.of("ATLAN_BASE_URL", " ", "ATLAN_API_KEY", "k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAN_BASE_URL");
    }

    @Test
    void fromEnvWithoutVariablesFailsNamingThem() {
        Assumptions.assumeTrue(System.getenv("ATLAN_BASE_URL") == null);
        assertThatThrownBy(AtlanClient::fromEnv)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAN_BASE_URL");
    }

    @Test
    void fromEnvBuildsAWorkingClient() {
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
            try (AtlanClient c = AtlanClient.fromEnv(Map.of(
                    "ATLAN_BASE_URL",
                    atlan.baseUrl() + " ",
                    "ATLAN_API_KEY",
                    admin.secret().reveal()))) {
                assertThat(c.apiTokens().getByGuid(admin.guid())).isPresent();
                assertThat(c.toString()).doesNotContain(admin.secret().reveal());
            }
        }
    }

    @Test
    void aSharedOkHttpClientIsLeftOpen() {
        OkHttpClient shared = new OkHttpClient();
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
            AtlanClient c = AtlanClient.builder()
                    .baseUrl(atlan.baseUrl())
                    .apiKey(admin.secret())
                    .httpClient(shared)
                    .build();
            c.close();
            assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
        } finally {
            shared.dispatcher().executorService().shutdown();
        }
    }
}
