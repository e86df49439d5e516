package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** What {@link RefreshTokenService} sends and how it reads its answers and errors, against MockWebServer. */
class RefreshTokenServiceHttpTest extends AlationHttpFixture {
    // ------------------------------------------------------------------ every endpoint

    @Test
    void createRefreshTokenSendsTheCredentialsAndReadsTheToken() throws Exception {
        answer(201, REFRESH_OBJECT);
        RefreshToken t = client().refreshTokens().create("jdoe@example.com", Secret.of(PASSWORD), "catalogkit-ci");
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/createRefreshToken/");
        JsonNode body = json(r);
        assertThat(body.get("username").asText()).isEqualTo("jdoe@example.com");
        assertThat(body.get("password").asText()).isEqualTo(PASSWORD);
        assertThat(body.get("name").asText()).isEqualTo("catalogkit-ci");
        assertThat(body.size()).isEqualTo(3);

        assertThat(t.getUserId()).isEqualTo(17);
        assertThat(t.getName()).isEqualTo("catalogkit-ci");
        assertThat(t.getSecret()).contains(Secret.of(RT));
        assertThat(t.getCreatedAt()).isEqualTo(Instant.parse("2025-03-04T09:15:27.401266Z"));
        assertThat(t.getExpiresAt()).contains(Instant.parse("2025-05-03T09:15:27.400981Z"));
        assertThat(t.getLastUsedAt()).isEmpty();
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.toString()).doesNotContain(RT);
    }

    @Test
    void validateRefreshTokenSendsTokenAndNumericUserId() throws Exception {
        answer(200, VALIDATED_REFRESH_OBJECT);
        RefreshToken t = client().refreshTokens().validate(Secret.of(RT), 17);
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/validateRefreshToken/");
        assertRefreshBody(r, RT);
        assertThat(t.getLastUsedAt()).contains(Instant.parse("2025-03-04T09:20:02.118530Z"));
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.getSecret())
                .as("validate returns the state, not the value")
                .isEmpty();
    }

    @Test
    void regenerateRefreshTokenReturnsTheNewValue() throws Exception {
        answer(
                201,
                "{\"user_id\": 17, \"created_at\": \"2025-04-20T08:00:00.512044Z\", \"token_expires_at\":"
                        + " \"2025-06-19T08:00:00.511730Z\", \"token_status\": \"ACTIVE\", \"last_used_at\": null,"
                        + " \"name\": \"catalogkit-ci\", \"refresh_token\": \"" + RT_NEW + "\"}");
        RefreshToken t = client().refreshTokens().regenerate(Secret.of(RT), 17);
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/regenRefreshToken/");
        assertRefreshBody(r, RT);
        assertThat(t.getSecret()).contains(Secret.of(RT_NEW));
        assertThat(t.getCreatedAt()).isEqualTo(Instant.parse("2025-04-20T08:00:00.512044Z"));
    }

    @Test
    void aBasePathPrefixIsKept() throws Exception {
        answer(200, VALIDATED_REFRESH_OBJECT);
        try (AlationClient c = AlationClient.builder()
                .baseUrl(server.url("/alation/").toString())
                .build()) {
            c.refreshTokens().validate(Secret.of(RT), 17);
        }
        assertThat(taken().getUrl().encodedPath()).isEqualTo("/alation/integration/v1/validateRefreshToken/");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        RefreshTokenService r = client().refreshTokens();
        assertThatThrownBy(() -> r.create(" ", Secret.of("p"), "n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username");
        assertThatThrownBy(() -> r.create("u", null, "n"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> r.create("u", Secret.of("p"), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> r.validate(null, 17)).hasMessageContaining("refreshToken");
        assertThatThrownBy(() -> r.regenerate(Secret.of(RT), 0)).hasMessageContaining("userId");
        assertThat(server.getRequestCount()).isZero();
    }

    // ------------------------------------------------------------------ error bodies

    @Test
    void invalidRefreshTokenIsAnAuthenticationExceptionWithCodeDetailAndHint() {
        answer(401, "{\"detail\": \"Refresh token provided is invalid.\", \"code\": \"401000\"}");
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client().refreshTokens().validate(Secret.of(RT), 17));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.errorCode()).contains("401000");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("/integration/v1/validateRefreshToken/");
        assertThat(e.getMessage())
                .contains("validate refresh token")
                .contains("Refresh token provided is invalid.")
                .contains("Create a new refresh token")
                .doesNotContain(RT);
    }

    @Test
    void wrongPasswordOnCreateRefreshToken() {
        answer(401, "{\"detail\": \"Invalid username or password.\", \"code\": \"401000\"}");
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class,
                () -> client().refreshTokens().create("jdoe@example.com", Secret.of(PASSWORD), "ci"));
        assertThat(e.getMessage())
                .contains("Invalid username or password.")
                .contains("Check the username and password")
                .doesNotContain(PASSWORD);
    }

    @Test
    void ssoUserOnCreateRefreshTokenGetsTheDetailAndTheUiHint() {
        answer(403, "{\"detail\": \"This user signs in through SAML.\", \"code\": \"403000\"}");
        PermissionDeniedException e = catchThrowableOfType(
                PermissionDeniedException.class,
                () -> client().refreshTokens().create("sso@example.com", Secret.of(PASSWORD), "ci"));
        assertThat(e.getMessage())
                .contains("This user signs in through SAML.")
                .contains("SSO/SAML")
                .contains("Alation UI");
    }

    @Test
    void anyOther4xxOnCreateRefreshTokenCarriesDetailAndSsoHint() {
        answer(
                400,
                "{\"title\": \"Invalid Payload\", \"detail\": \"LDAP users must sign in first.\","
                        + " \"errors\": {\"username\": [\"unknown\"]}, \"code\": \"400010\"}");
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> client().refreshTokens().create("sso@example.com", Secret.of(PASSWORD), "ci"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).contains("400010");
        assertThat(e.getMessage()).contains("LDAP users must sign in first.").contains("SSO/SAML");
    }

    @Test
    void anErrorEchoingTheTokenIsRedacted() {
        answer(401, "{\"detail\": \"Refresh token " + RT + " is invalid.\", \"code\": \"401000\"}");
        assertThatThrownBy(() -> client().refreshTokens().validate(Secret.of(RT), 17))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("[redacted]")
                .hasMessageNotContaining(RT);
    }
}
