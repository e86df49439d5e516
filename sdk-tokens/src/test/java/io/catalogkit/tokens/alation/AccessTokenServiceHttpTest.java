package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link AccessTokenService} sends and how it reads its answers and errors, against MockWebServer. */
class AccessTokenServiceHttpTest extends AlationHttpFixture {
    // ------------------------------------------------------------------ every endpoint

    @Test
    void createAccessTokenReadsValueOwnerAndExpiry() throws Exception {
        answer(201, ACCESS_OBJECT);
        AccessToken t = client().accessTokens().create(Secret.of(RT), 17);
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/createAPIAccessToken/");
        assertRefreshBody(r, RT);
        assertThat(t.getSecret()).contains(Secret.of(AT));
        assertThat(t.getOwner()).contains("17");
        assertThat(t.getCreatedAt()).contains(Instant.parse("2025-03-04T09:20:02.118530Z"));
        assertThat(t.getExpiresAt()).contains(Instant.parse("2025-03-05T09:20:02.115902Z"));
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.getId()).isEmpty();
        assertThat(t.getName()).isEmpty();
        assertThat(t.getActor()).isEmpty();
        assertThat(t.getDescription()).isEmpty();
        assertThat(t.toString()).doesNotContain(AT);
    }

    @Test
    void validateAccessTokenSendsTheAccessToken() throws Exception {
        answer(200, ACCESS_OBJECT);
        AccessToken t = client().accessTokens().validate(Secret.of(AT), 17);
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/validateAPIAccessToken/");
        JsonNode body = json(r);
        assertThat(body.get("api_access_token").asText()).isEqualTo(AT);
        assertThat(body.get("user_id").isIntegralNumber()).isTrue();
        assertThat(body.get("user_id").asLong()).isEqualTo(17);
        assertThat(body.size()).isEqualTo(2);
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.getSecret()).isEmpty();
        assertThat(t.getExpiresAt()).contains(Instant.parse("2025-03-05T09:20:02.115902Z"));
    }

    @Test
    void revokeAllSendsTheRefreshToken() throws Exception {
        answer(200, "{\"detail\": \"Revoked active access tokens for refresh token: 'catalogkit-ci' with id: 42\"}");
        client().accessTokens().revokeAll(Secret.of(RT), 17);
        RecordedRequest r = taken();
        assertTokenCall(r, "/integration/v1/revokeAPIAccessTokens/");
        assertRefreshBody(r, RT);
    }

    @Test
    void revokeAllAcceptsAnEmptyAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        client().accessTokens().revokeAll(Secret.of(RT), 17);
        assertTokenCall(taken(), "/integration/v1/revokeAPIAccessTokens/");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        AccessTokenService a = client().accessTokens();
        assertThatThrownBy(() -> a.create(Secret.of(RT), -1)).hasMessageContaining("userId");
        assertThatThrownBy(() -> a.validate(null, 17)).hasMessageContaining("accessToken");
        assertThatThrownBy(() -> a.revokeAll(null, 17)).hasMessageContaining("refreshToken");
        assertThat(server.getRequestCount()).isZero();
    }

    // ------------------------------------------------------------------ error bodies

    @ParameterizedTest
    @ValueSource(strings = {"EXPIRED", "REVOKED", "pending"})
    void aMintWhoseStatusIsNotActiveFails(String status) {
        answer(201, ACCESS_OBJECT.replace("\"ACTIVE\"", "\"" + status + "\""));
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client().accessTokens().create(Secret.of(RT), 17));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage())
                .contains("instead of ACTIVE")
                .contains("Create a new refresh token")
                .doesNotContain(AT)
                .doesNotContain(RT);
    }

    @Test
    void aMintWithoutStatusFails() {
        answer(201, ACCESS_OBJECT.replace("\"token_status\": \"ACTIVE\",", ""));
        assertThatThrownBy(() -> client().accessTokens().create(Secret.of(RT), 17))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("UNKNOWN");
    }

    @Test
    void invalidAccessTokenOnValidate() {
        answer(401, "{\"detail\": \"API Access Token provided is invalid.\", \"code\": \"401000\"}");
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client().accessTokens().validate(Secret.of(AT), 17));
        assertThat(e.errorCode()).contains("401000");
        assertThat(e.getMessage())
                .contains("API Access Token provided is invalid.")
                .contains("mint a new one")
                .doesNotContain(AT);
    }
}
