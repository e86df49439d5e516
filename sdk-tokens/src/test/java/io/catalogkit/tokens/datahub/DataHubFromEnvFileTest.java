package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.testing.FakeDataHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fromEnv() reads DATAHUB_GMS_TOKEN_FILE as a store. */
class DataHubFromEnvFileTest {
    static final String ADMIN = "urn:li:corpuser:datahub";

    @Test
    void theTokenComesFromTheFile(@TempDir Path dir) throws Exception {
        try (FakeDataHub hub = new FakeDataHub().start()) {
            hub.addAdmin(ADMIN);
            Path token = dir.resolve("token");
            Files.writeString(token, hub.addAccessToken(ADMIN).secret().reveal() + "\n");
            try (DataHubClient c = DataHubClient.fromEnv(
                    Map.of("DATAHUB_GMS_URL", hub.baseUrl(), "DATAHUB_GMS_TOKEN_FILE", token.toString()))) {
                assertThat(c.accessTokens().list(0, 5, null).getTotal()).isEqualTo(1);
                assertThat(c.actorUrn()).contains(ADMIN);
            }
        }
    }

    @Test
    void bothFormsSetIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> DataHubClient.fromEnv(Map.of(
                        "DATAHUB_GMS_URL", "http://localhost:8080",
                        "DATAHUB_GMS_TOKEN", "token-value-0001",
                        "DATAHUB_GMS_TOKEN_FILE", "/run/secrets/datahub")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATAHUB_GMS_TOKEN_FILE")
                .hasMessageNotContaining("token-value-0001");
    }
}
