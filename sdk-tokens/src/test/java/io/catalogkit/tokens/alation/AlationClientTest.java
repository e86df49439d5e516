package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlationClientTest {
    @Test
    void theBuilderNamesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> AlationClient.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALATION_BASE_URL");
        assertThatThrownBy(() -> AlationClient.builder()
                        .baseUrl("http://alation.example.com")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowInsecureHttp");
        assertThatThrownBy(() -> AlationClient.builder().refreshToken(Secret.of("rt"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> AlationClient.builder().refreshToken((Secret) null, 17))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("refreshToken");
        assertThatThrownBy(() -> AlationClient.builder().accessTokenSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessTokenSkew");
        assertThatThrownBy(() -> AlationClient.builder().accessTokenSkew(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aClientWithoutCredentialsServesTheTokenEndpoints() {
        try (AlationClient c =
                AlationClient.builder().baseUrl("https://alation.example.com").build()) {
            assertThat(c.refreshTokens()).isNotNull();
            assertThat(c.accessTokens()).isNotNull();
            assertThat(c.toString()).contains("alation.example.com").contains("no refresh token");
        }
    }

    @Test
    void toStringShowsNoToken() {
        try (AlationClient c = AlationClient.builder()
                .baseUrl("https://alation.example.com")
                .refreshToken(Secret.of("rt-very-secret-value"), 17)
                .build()) {
            assertThat(c.toString()).contains("userId=17").doesNotContain("rt-very-secret-value");
            assertThat(c.authInterceptor()).isSameAs(c.authInterceptor());
        }
    }

    @Test
    void fromEnvReadsTheThreeVariables() {
        try (FakeAlation alation = new FakeAlation().start()) {
            long userId = alation.addUser("jdoe@example.com", "pw").id();
            String refresh = alation.addRefreshToken(userId, "env").secret().reveal();
            Map<String, String> env = Map.of(
                    "ALATION_BASE_URL",
                    alation.baseUrl(),
                    "ALATION_REFRESH_TOKEN",
                    refresh,
                    "ALATION_USER_ID",
                    " " + userId + " ");
            try (AlationClient c = AlationClient.fromEnv(env)) {
                Secret access = c.currentAccessToken();
                assertThat(alation.accessTokenStatus(access)).contains("ACTIVE");
                assertThat(alation.requests(FakeAlation.CREATE_ACCESS_TOKEN)
                                .get(0)
                                .json()
                                .get("user_id")
                                .asLong())
                        .isEqualTo(userId);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALATION_BASE_URL", "ALATION_REFRESH_TOKEN", "ALATION_USER_ID"})
    void fromEnvNamesAMissingVariable(String missing) {
        Map<String, String> env = new HashMap<>(Map.of(
                "ALATION_BASE_URL", "https://alation.example.com",
                "ALATION_REFRESH_TOKEN", "rt-secret-value",
                "ALATION_USER_ID", "17"));
        env.put(missing, " ");
        assertThatThrownBy(() -> AlationClient.fromEnv(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing)
                .hasMessageNotContaining("rt-secret-value");
        env.remove(missing);
        assertThatThrownBy(() -> AlationClient.fromEnv(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seventeen", "0", "-3"})
    void fromEnvRejectsAUserIdThatIsNotAPositiveNumber(String userId) {
        Map<String, String> env = Map.of(
                "ALATION_BASE_URL", "https://alation.example.com",
                "ALATION_REFRESH_TOKEN", "rt-secret-value",
                "ALATION_USER_ID", userId);
        assertThatThrownBy(() -> AlationClient.fromEnv(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALATION_USER_ID");
    }

    @Test
    void fromEnvWithoutTheProcessEnvironmentFailsOrBuilds() {
        // The build environment may or may not define the variables; either way no secret leaks.
        try (AlationClient c = AlationClient.fromEnv()) {
            assertThat(c.toString()).startsWith("AlationClient[");
        } catch (IllegalStateException | IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("ALATION_");
        }
    }

    @Test
    void aSharedOkHttpClientIsLeftOpen() {
        OkHttpClient shared = new OkHttpClient();
        try (AlationClient c = AlationClient.builder()
                .baseUrl("https://alation.example.com")
                .httpClient(shared)
                .build()) {
            assertThat(c.accessTokens()).isNotNull();
        }
        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    }
}
