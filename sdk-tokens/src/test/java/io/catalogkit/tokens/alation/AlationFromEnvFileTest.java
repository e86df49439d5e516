package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.testing.FakeAlation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fromEnv() reads ALATION_REFRESH_TOKEN_FILE and ALATION_CLIENT_SECRET_FILE as stores. */
class AlationFromEnvFileTest {
    @Test
    void theRefreshTokenComesFromTheFile(@TempDir Path dir) throws Exception {
        try (FakeAlation alation = new FakeAlation().start()) {
            long user = alation.addUser("jdoe", "pw-0001").id();
            Path file = dir.resolve("refresh");
            Files.writeString(file, alation.addRefreshToken(user, "ci").secret().reveal() + "\n");
            try (AlationClient c = AlationClient.fromEnv(Map.of(
                    "ALATION_BASE_URL", alation.baseUrl(),
                    "ALATION_REFRESH_TOKEN_FILE", file.toString(),
                    "ALATION_USER_ID", String.valueOf(user)))) {
                assertThat(c.currentAccessToken()).isNotNull();
                assertThat(alation.mintCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void theOAuthClientSecretComesFromTheFile(@TempDir Path dir) throws Exception {
        try (FakeAlation alation = new FakeAlation().start()) {
            FakeAlation.SeededOAuthClient oauth = alation.addOAuthClient("ci-client");
            Path file = dir.resolve("client-secret");
            Files.writeString(file, oauth.clientSecret().reveal() + "\n");
            try (AlationClient c = AlationClient.fromEnv(Map.of(
                    "ALATION_BASE_URL", alation.baseUrl(),
                    "ALATION_CLIENT_ID", "ci-client",
                    "ALATION_CLIENT_SECRET_FILE", file.toString()))) {
                assertThat(c.currentAccessToken()).isNotNull();
                assertThat(alation.oauthMintCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void bothFormsSetIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> AlationClient.fromEnv(Map.of(
                        "ALATION_BASE_URL", "https://alation.example.com",
                        "ALATION_REFRESH_TOKEN", "refresh-value-0001",
                        "ALATION_REFRESH_TOKEN_FILE", "/run/secrets/alation",
                        "ALATION_USER_ID", "17")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALATION_REFRESH_TOKEN_FILE")
                .hasMessageNotContaining("refresh-value-0001");
    }
}
