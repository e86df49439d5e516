package io.catalogkit.tokens.alation;

import static io.catalogkit.tokens.alation.AlationFixture.PASSWORD;
import static io.catalogkit.tokens.alation.AlationFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The services end to end against FakeAlation, with a client built without credentials. */
class AlationFakeTest {
    final AlationFixture f = fixture();
    final AlationClient anonymous = f.builder().build();

    /** The fixture: its fake serves HTTP here, HTTPS in {@link AlationHttpsTest}. */
    AlationFixture fixture() {
        return new AlationFixture();
    }

    @AfterEach
    void close() {
        anonymous.close();
        f.close();
    }

    @Test
    void theWholeLifecycle() {
        RefreshToken created = anonymous.refreshTokens().create(USERNAME, Secret.of(PASSWORD), "nightly-sync");
        assertThat(created.getUserId()).isEqualTo(f.userId);
        assertThat(created.getName()).isEqualTo("nightly-sync");
        assertThat(created.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(created.getCreatedAt()).isEqualTo(f.clock.instant());
        assertThat(created.getExpiresAt().orElseThrow())
                .isBefore(f.clock.instant().plus(Duration.ofDays(60)))
                .isAfter(f.clock.instant().plus(Duration.ofDays(59)));
        Secret refresh = created.getSecret().orElseThrow();
        assertThat(f.alation.refreshTokenStatus(refresh)).contains("ACTIVE");

        f.clock.advance(Duration.ofMinutes(3));
        AccessToken access = anonymous.accessTokens().create(refresh, f.userId);
        assertThat(access.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(access.getOwner()).contains(String.valueOf(f.userId));
        assertThat(access.getExpiresAt()).isPresent();
        Secret accessValue = access.getSecret().orElseThrow();
        assertThat(f.alation.mintCount()).isEqualTo(1);

        RefreshToken validated = anonymous.refreshTokens().validate(refresh, f.userId);
        assertThat(validated.getLastUsedAt()).contains(f.clock.instant());
        assertThat(validated.getSecret()).isEmpty();
        assertThat(anonymous.accessTokens().validate(accessValue, f.userId).getStatus())
                .isEqualTo(TokenStatus.ACTIVE);

        anonymous.accessTokens().revokeAll(refresh, f.userId);
        assertThat(f.alation.accessTokenStatus(accessValue)).contains("REVOKED");
        assertThatThrownBy(() -> anonymous.accessTokens().validate(accessValue, f.userId))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("API Access Token provided is invalid.");

        RefreshToken regenerated = anonymous.refreshTokens().regenerate(refresh, f.userId);
        Secret fresh = regenerated.getSecret().orElseThrow();
        assertThat(fresh).isNotEqualTo(refresh);
        assertThat(regenerated.getName()).isEqualTo("nightly-sync");
        assertThat(f.alation.refreshTokenStatus(refresh)).contains("REVOKED");
        AuthenticationException dead = catchThrowableOfType(
                AuthenticationException.class, () -> anonymous.accessTokens().create(refresh, f.userId));
        assertThat(dead.errorCode()).contains("401000");
        assertThat(dead.getMessage()).contains("expired or revoked").contains("Create a new refresh token");
        assertThat(anonymous.accessTokens().create(fresh, f.userId).getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(f.alation.validateCount()).isEqualTo(3);
    }

    @Test
    void tokenCallsCarryNoTokenHeaderAndANumericUserId() {
        anonymous.refreshTokens().validate(f.refreshToken, f.userId);
        RecordedCall call =
                f.alation.requests(FakeAlation.VALIDATE_REFRESH_TOKEN).get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("TOKEN")).isEmpty();
        assertThat(call.json().get("user_id").isIntegralNumber()).isTrue();
        assertThat(call.json().get("refresh_token").asText()).isEqualTo(f.refreshToken.reveal());
    }

    @Test
    void wrongPasswordAndSsoUser() {
        AuthenticationException wrong = catchThrowableOfType(
                AuthenticationException.class,
                () -> anonymous.refreshTokens().create(USERNAME, Secret.of("wrong-password"), "x"));
        assertThat(wrong.errorCode()).contains("401000");
        assertThat(wrong.getMessage()).contains("Invalid username or password.").doesNotContain("wrong-password");

        f.alation.addSsoUser("sso@example.com");
        PermissionDeniedException sso = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> anonymous.refreshTokens().create("sso@example.com", Secret.of("irrelevant"), "x"));
        assertThat(sso.getMessage()).contains("SSO/SAML").contains("Profile > Authentication");
        assertThat(f.alation.refreshTokenCount(f.userId)).isEqualTo(1);
    }

    @Test
    void anExpiredRefreshTokenIs401OrLegacyExpired() {
        f.clock.advance(Duration.ofDays(61));
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> anonymous.refreshTokens().validate(f.refreshToken, f.userId));
        assertThat(e.getMessage())
                .contains("Refresh token provided is expired or revoked.")
                .contains("Create a new refresh token");
        assertThatThrownBy(() -> anonymous.refreshTokens().regenerate(f.refreshToken, f.userId))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("regenerating needs one that is still valid");

        f.alation.legacyExpiredStatus(true);
        RefreshToken legacy = anonymous.refreshTokens().validate(f.refreshToken, f.userId);
        assertThat(legacy.getStatus()).isEqualTo(TokenStatus.EXPIRED);
        assertThatThrownBy(() -> anonymous.accessTokens().create(f.refreshToken, f.userId))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Create a new refresh token");
    }

    @Test
    void anExpiredAccessTokenInTheLegacyForm() {
        Secret access = anonymous
                .accessTokens()
                .create(f.refreshToken, f.userId)
                .getSecret()
                .orElseThrow();
        f.clock.advance(Duration.ofHours(25));
        assertThatThrownBy(() -> anonymous.accessTokens().validate(access, f.userId))
                .isInstanceOf(AuthenticationException.class);
        f.alation.legacyExpiredStatus(true);
        assertThat(anonymous.accessTokens().validate(access, f.userId).getStatus())
                .isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void olderServersReportFailuresWithStatusFailed() {
        f.alation.failedStatusInBody(true);
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> anonymous.accessTokens().create(Secret.of("rt-nope"), f.userId));
        assertThat(e.statusCode()).as("as Allie-SDK reads it").isEqualTo(400);
        assertThat(e.getMessage()).contains("Refresh token provided is invalid.");
        assertThat(f.alation.mintCount()).isZero();
    }

    @Test
    void aTokenOfAnotherUserIsInvalid() {
        long other = f.alation.addUser("other@example.com", "pw").id();
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> anonymous.accessTokens().create(f.refreshToken, other));
        assertThat(e.getMessage())
                .contains("Refresh token provided is invalid.")
                .contains("user id");
    }

    @Test
    void badInputIsAnApiExceptionWithTheServersErrors() {
        f.alation.failNext(
                1,
                io.catalogkit.testing.Fault.body(
                        400,
                        "application/json",
                        "{\"title\": \"Invalid Payload\", \"detail\": \"Please check the API documentation.\","
                                + " \"errors\": {\"name\": [\"too long\"]}, \"code\": \"400010\"}"));
        ApiException bad = catchThrowableOfType(
                ApiException.class, () -> anonymous.refreshTokens().create(USERNAME, Secret.of(PASSWORD), "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.errorCode()).contains("400010");
        assertThat(bad.getMessage())
                .contains("Please check the API documentation.")
                .contains("SSO/SAML");
    }
}
