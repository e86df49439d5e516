package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.inventory.InventoryEntry;
import io.catalogkit.tokens.inventory.InventoryReport;
import io.catalogkit.tokens.inventory.TokenInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OAuth client-credentials path against FakeAlation: mint, data calls, introspect, revoke, expiry. */
class OAuthFakeTest {
    final FakeClock clock = new FakeClock(Instant.parse("2025-03-04T09:15:27Z"));
    final FakeAlation alation = new FakeAlation(clock).start();
    final FakeAlation.SeededOAuthClient seeded = alation.addOAuthClient("catalogkit-ci", Duration.ofMinutes(30));
    final AlationClient client = AlationClient.builder()
            .baseUrl(alation.baseUrl())
            .clock(clock)
            .sleeper(d -> {})
            .oauthClient(seeded.clientId(), seeded.clientSecret())
            .build();
    final OkHttpClient http =
            new OkHttpClient.Builder().addInterceptor(client.authInterceptor()).build();

    @AfterEach
    void close() {
        http.dispatcher().executorService().shutdown();
        client.close();
        alation.close();
    }

    int tables() throws Exception {
        try (Response r = http.newCall(new Request.Builder()
                        .url(alation.baseUrl() + FakeAlation.TABLES)
                        .build())
                .execute()) {
            return r.code();
        }
    }

    AccessToken introspect(Secret jwt) {
        return client.oauthTokens().introspect(jwt, seeded.clientId(), seeded.clientSecret());
    }

    @Test
    void aManagedJwtCallsDataEndpointsAndIntrospectsActive() throws Exception {
        assertThat(tables()).isEqualTo(200);
        Secret jwt = client.currentAccessToken();
        assertThat(jwt.reveal().split("\\.")).hasSize(3);
        assertThat(alation.oauthMintCount()).isEqualTo(1);
        AccessToken state = introspect(jwt);
        assertThat(state.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(state.getExpiresAt()).contains(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(tables()).isEqualTo(200);
        assertThat(alation.oauthMintCount()).as("cached").isEqualTo(1);
    }

    @Test
    void revokedTokensAreMintedAgainOnTheNextCall() throws Exception {
        Secret first = client.currentAccessToken();
        alation.revokeOAuthTokens(seeded.clientId());
        assertThat(introspect(first).getStatus()).isEqualTo(TokenStatus.REVOKED);
        assertThat(tables()).isEqualTo(200);
        assertThat(alation.oauthMintCount()).isEqualTo(2);
        assertThat(client.currentAccessToken()).isNotEqualTo(first);
    }

    @Test
    void tokensAreRenewedBeforeTheirExpiresInAndOldOnesIntrospectExpired() {
        Secret first = client.currentAccessToken();
        clock.advance(Duration.ofMinutes(24));
        assertThat(client.currentAccessToken()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        Secret second = client.currentAccessToken();
        assertThat(second).isNotEqualTo(first);
        clock.advance(Duration.ofMinutes(5));
        assertThat(introspect(first).getStatus()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(alation.oauthTokenStatus(first)).contains("EXPIRED");
        assertThat(introspect(second).getStatus()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void oneMintForAllThreadsWhenTheTokenIsRejected() throws Exception {
        client.currentAccessToken();
        alation.revokeOAuthTokens(seeded.clientId());
        alation.failNext(1, Fault.slow(Duration.ofMillis(300)));
        List<Integer> codes = SingleFlightTest.race(this::tables);
        assertThat(codes).containsOnly(200);
        assertThat(alation.oauthMintCount()).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsAnAuthenticationExceptionWithAHint() {
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class,
                () -> client.oauthTokens().mint(seeded.clientId(), Secret.of("cs-wrong")));
        assertThat(e.errorCode()).contains("invalid_client");
        assertThat(e.getMessage()).contains("Client credentials are incorrect").contains("client id and secret");
    }

    @Test
    void resetForgetsMintedTokensButKeepsSeededClients() {
        alation.markSeeded();
        Secret jwt = client.currentAccessToken();
        alation.reset();
        assertThat(alation.oauthTokenStatus(jwt)).isEmpty();
        assertThat(alation.oauthMintCount()).isZero();
        assertThat(client.oauthTokens()
                        .mint(seeded.clientId(), seeded.clientSecret())
                        .getStatus())
                .isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void theInventoryListsTheOAuthClientAndNoSecret() {
        InventoryReport report =
                TokenInventory.builder().alation(client).build().collect();
        assertThat(report.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getKind()).isEqualTo(InventoryEntry.OAUTH_CLIENT);
            assertThat(e.getId()).isEqualTo("catalogkit-ci");
            assertThat(e.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        });
        assertThat(report.toJson()).doesNotContain(seeded.clientSecret().reveal());
        assertThat(report.toJson()).doesNotContain(client.currentAccessToken().reveal());
        Optional<AccessToken> own = client.ownOAuthToken();
        assertThat(own).get().satisfies(t -> assertThat(t.getSecret()).isEmpty());
        alation.revokeOAuthTokens(seeded.clientId());
        assertThat(TokenInventory.builder().alation(client).build().collect().getEntries())
                .singleElement()
                .satisfies(e -> assertThat(e.getStatus()).isEqualTo(TokenStatus.REVOKED));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("ALATION_BASE_URL", alation.baseUrl());
        env.put("ALATION_CLIENT_ID", seeded.clientId());
        env.put("ALATION_CLIENT_SECRET", seeded.clientSecret().reveal());
        return env;
    }

    @Test
    void fromEnvBuildsAnOAuthClient() {
        try (AlationClient c = AlationClient.fromEnv(env())) {
            assertThat(c.toString()).contains("oauthClient=catalogkit-ci");
            assertThat(alation.oauthTokenStatus(c.currentAccessToken())).contains("ACTIVE");
        }
    }

    @Test
    void fromEnvPrefersTheRefreshTokenWhenBothPairsAreSet() {
        long userId = alation.addUser("jdoe@example.com", "pw").id();
        Map<String, String> env = env();
        env.put(
                "ALATION_REFRESH_TOKEN",
                alation.addRefreshToken(userId, "env").secret().reveal());
        env.put("ALATION_USER_ID", String.valueOf(userId));
        try (AlationClient c = AlationClient.fromEnv(env)) {
            assertThat(alation.accessTokenStatus(c.currentAccessToken())).contains("ACTIVE");
            assertThat(alation.oauthMintCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALATION_CLIENT_ID", "ALATION_CLIENT_SECRET"})
    void fromEnvNamesTheMissingHalfOfAnOAuthPair(String missing) {
        Map<String, String> env = env();
        env.remove(missing);
        assertThatThrownBy(() -> AlationClient.fromEnv(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing)
                .hasMessageNotContaining(seeded.clientSecret().reveal());
        env.put("ALATION_REFRESH_TOKEN", "rt-x");
        env.put("ALATION_USER_ID", "17");
        assertThatThrownBy(() -> AlationClient.fromEnv(env))
                .as("a half-set pair is an error even beside a complete one")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing);
    }
}
