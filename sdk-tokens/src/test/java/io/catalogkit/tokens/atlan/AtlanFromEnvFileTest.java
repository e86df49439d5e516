package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.testing.FakeAtlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fromEnv() reads ATLAN_API_KEY_FILE as a store: read again after a refusal. */
class AtlanFromEnvFileTest {
    @Test
    void theKeyComesFromTheFileAndIsReadAgainAfterARotation(@TempDir Path dir) throws Exception {
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            FakeAtlan.SeededToken first = atlan.addApiToken("first");
            FakeAtlan.SeededToken second = atlan.addApiToken("second");
            Path key = dir.resolve("key");
            Files.writeString(key, first.secret().reveal() + "\n");
            try (AtlanClient c = AtlanClient.fromEnv(
                    Map.of("ATLAN_BASE_URL", atlan.baseUrl(), "ATLAN_API_KEY_FILE", key.toString()))) {
                assertThat(c.apiTokens().list(0, 5).getTotal()).isEqualTo(2);
                Files.writeString(key, second.secret().reveal() + "\n");
                try (AtlanClient other = AtlanClient.builder()
                        .baseUrl(atlan.baseUrl())
                        .apiKey(second.secret())
                        .build()) {
                    other.apiTokens().purge(first.guid());
                }
                assertThat(c.apiTokens().list(0, 5).getTotal()).isEqualTo(1);
            }
        }
    }

    @Test
    void bothFormsSetIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> AtlanClient.fromEnv(Map.of(
                        "ATLAN_BASE_URL", "https://tenant.atlan.com",
                        "ATLAN_API_KEY", "key-value-0001",
                        "ATLAN_API_KEY_FILE", "/run/secrets/atlan")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATLAN_API_KEY_FILE")
                .hasMessageContaining("ATLAN_API_KEY ")
                .hasMessageNotContaining("key-value-0001");
    }
}
