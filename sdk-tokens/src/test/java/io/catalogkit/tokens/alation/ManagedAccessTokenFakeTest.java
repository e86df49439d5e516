package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.RecordedCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's managed access token against FakeAlation: minted on first use, renewed by expiry. */
class ManagedAccessTokenFakeTest {

    private static List<String> mintedFrom(FakeAlation alation) {
        return alation.requests(FakeAlation.CREATE_ACCESS_TOKEN).stream()
                .map(RecordedCall::json)
                .map(j -> j.get("refresh_token").asText())
                .toList();
    }

    @Test
    void mintedOnFirstUseThenCachedWithoutValidateCalls() {
        try (AlationFixture f = new AlationFixture()) {
            assertThat(f.alation.mintCount()).as("nothing minted at build time").isZero();
            Secret first = f.client.currentAccessToken();
            assertThat(f.alation.accessTokenStatus(first)).contains("ACTIVE");
            for (int i = 0; i < 5; i++) {
                f.clock.advance(Duration.ofHours(1));
                assertThat(f.client.currentAccessToken()).isEqualTo(first);
            }
            assertThat(f.alation.mintCount()).isEqualTo(1);
            assertThat(f.alation.validateCount()).isZero();
            assertThat(mintedFrom(f.alation)).containsExactly(f.refreshToken.reveal());
        }
    }

    @Test
    void renewedWhenLessThanTheDefaultFiveMinutesRemain() {
        try (AlationFixture f = new AlationFixture()) {
            Secret first = f.client.currentAccessToken();
            // The fake's tokens live 24 h (less a moment): at 23:54:59 more than 5 minutes remain.
            f.clock.advance(Duration.ofHours(23).plusMinutes(54).plusSeconds(59));
            assertThat(f.client.currentAccessToken()).isEqualTo(first);
            f.clock.advance(Duration.ofSeconds(1));
            Secret second = f.client.currentAccessToken();
            assertThat(second).isNotEqualTo(first);
            assertThat(f.alation.accessTokenStatus(second)).contains("ACTIVE");
            assertThat(f.alation.accessTokenStatus(first))
                    .as("renewed before the old one died")
                    .contains("ACTIVE");
            assertThat(f.alation.mintCount()).isEqualTo(2);
            assertThat(f.alation.validateCount()).isZero();
        }
    }

    @Test
    void halfTheLifetimeWhenThatIsShorterThanTheSkew() {
        try (AlationFixture f = new AlationFixture()) {
            f.alation.accessTokenLifespan(Duration.ofMinutes(6));
            Secret first = f.client.currentAccessToken();
            f.clock.advance(Duration.ofMinutes(2).plusSeconds(59));
            assertThat(f.client.currentAccessToken()).isEqualTo(first);
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.client.currentAccessToken()).isNotEqualTo(first);
            assertThat(f.alation.mintCount()).isEqualTo(2);
        }
    }

    @Test
    void theSkewIsConfigurable() {
        try (AlationFixture f = new AlationFixture(b -> b.accessTokenSkew(Duration.ofHours(1)))) {
            Secret first = f.client.currentAccessToken();
            f.clock.advance(Duration.ofHours(22).plusMinutes(59));
            assertThat(f.client.currentAccessToken()).isEqualTo(first);
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(f.client.currentAccessToken()).isNotEqualTo(first);
        }
        try (AlationFixture f = new AlationFixture(b -> b.accessTokenSkew(Duration.ZERO))) {
            Secret first = f.client.currentAccessToken();
            f.clock.advance(Duration.ofHours(23).plusMinutes(59).plusSeconds(59));
            assertThat(f.client.currentAccessToken()).isEqualTo(first);
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.client.currentAccessToken()).isNotEqualTo(first);
        }
    }

    @Test
    void aDayOfCallsNeedsTwoMints() {
        try (AlationFixture f = new AlationFixture()) {
            for (int minute = 0; minute <= 24 * 60; minute += 10) {
                f.client.currentAccessToken();
                f.clock.advance(Duration.ofMinutes(10));
            }
            assertThat(f.alation.mintCount()).isEqualTo(2);
            assertThat(f.alation.validateCount()).isZero();
        }
    }

    @Test
    void aClientClockAheadOfTheServerDoesNotMintOnEveryCall() {
        try (AlationFixture f = new AlationFixture()) {
            FakeClock ahead = new FakeClock(f.clock.instant().plus(Duration.ofDays(2)));
            try (AlationClient c = f.builder()
                    .clock(ahead)
                    .refreshToken(f.refreshToken, f.userId)
                    .build()) {
                Secret first = c.currentAccessToken();
                assertThat(c.currentAccessToken()).isEqualTo(first);
                ahead.advance(Duration.ofHours(23));
                assertThat(c.currentAccessToken()).isEqualTo(first);
                assertThat(f.alation.mintCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aClientClockBehindTheServerStillRenewsInTime() {
        try (AlationFixture f = new AlationFixture()) {
            FakeClock behind = new FakeClock(f.clock.instant().minus(Duration.ofHours(12)));
            try (AlationClient c = f.builder()
                    .clock(behind)
                    .refreshToken(f.refreshToken, f.userId)
                    .build()) {
                Secret first = c.currentAccessToken();
                f.clock.advance(Duration.ofHours(23).plusMinutes(56));
                behind.advance(Duration.ofHours(23).plusMinutes(56));
                Secret second = c.currentAccessToken();
                assertThat(second).isNotEqualTo(first);
                assertThat(f.alation.accessTokenStatus(second)).contains("ACTIVE");
            }
        }
    }

    @Test
    void regeneratingTheClientsOwnRefreshTokenSwitchesTheClient() {
        try (AlationFixture f = new AlationFixture()) {
            Secret before = f.client.currentAccessToken();
            Secret fresh = f.client
                    .refreshTokens()
                    .regenerate(f.refreshToken, f.userId)
                    .getSecret()
                    .orElseThrow();
            assertThat(f.alation.refreshTokenStatus(f.refreshToken)).contains("REVOKED");
            Secret after = f.client.currentAccessToken();
            assertThat(after)
                    .as("the token minted from the old value is dropped")
                    .isNotEqualTo(before);
            assertThat(mintedFrom(f.alation)).containsExactly(f.refreshToken.reveal(), fresh.reveal());
            f.clock.advance(Duration.ofDays(1));
            f.client.currentAccessToken();
            f.client.accessTokens().revokeAll(fresh, f.userId);
            assertThat(mintedFrom(f.alation)).containsExactly(f.refreshToken.reveal(), fresh.reveal(), fresh.reveal());
        }
    }

    @Test
    void regeneratingAnotherRefreshTokenLeavesTheClientAlone() {
        try (AlationFixture f = new AlationFixture()) {
            Secret other = f.alation.addRefreshToken(f.userId, "other").secret();
            Secret before = f.client.currentAccessToken();
            f.client.refreshTokens().regenerate(other, f.userId);
            assertThat(f.client.currentAccessToken()).isEqualTo(before);
            f.clock.advance(Duration.ofDays(1));
            f.client.currentAccessToken();
            assertThat(mintedFrom(f.alation)).containsExactly(f.refreshToken.reveal(), f.refreshToken.reveal());
        }
    }

    @Test
    void aFailedMintSaysToCreateANewRefreshToken() {
        try (AlationFixture f = new AlationFixture()) {
            f.alation.revokeRefreshToken(f.refreshToken);
            AuthenticationException e =
                    catchThrowableOfType(AuthenticationException.class, f.client::currentAccessToken);
            assertThat(e.errorCode()).contains("401000");
            assertThat(e.getMessage()).contains("Create a new refresh token").doesNotContain(f.refreshToken.reveal());
            assertThat(f.alation.mintCount()).isZero();
        }
    }

    @Test
    void aMintAnswerThatIsNotActiveIsAFailedMint() {
        try (AlationFixture f = new AlationFixture()) {
            f.alation.failNext(
                    1,
                    io.catalogkit.testing.Fault.body(
                            201,
                            "application/json",
                            "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:15:27Z\", \"token_expires_at\":"
                                    + " \"2025-03-05T09:15:27Z\", \"token_status\": \"EXPIRED\", \"api_access_token\": \"at-x\"}"));
            assertThatThrownBy(f.client::currentAccessToken)
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Create a new refresh token");
            assertThat(f.client.currentAccessToken())
                    .as("the next call mints again")
                    .isNotNull();
        }
    }

    @Test
    void withoutCredentialsThereIsNoManagedToken() {
        try (AlationFixture f = new AlationFixture();
                AlationClient anonymous = f.builder().build()) {
            assertThatThrownBy(anonymous::currentAccessToken)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refreshToken(secret, userId)");
            assertThatThrownBy(anonymous::authInterceptor).isInstanceOf(IllegalStateException.class);
        }
    }
}
