package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the Alation client sends and how it reads every answer form, against MockWebServer. */
class AlationWireTest {
    static final String RT = "rt-EXAMPLE-7hQ2vN9xLk4pZm8w";
    static final String RT_NEW = "rt-EXAMPLE-Jc5rT1yWq8bXs3Ud";
    static final String AT = "at-EXAMPLE-Vd3kP0sLr6nYq2Hz";
    static final String PASSWORD = "correct-horse-battery";

    static final String REFRESH_OBJECT = "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:15:27.401266Z\","
            + " \"token_expires_at\": \"2025-05-03T09:15:27.400981Z\", \"token_status\": \"ACTIVE\","
            + " \"last_used_at\": null, \"name\": \"catalogkit-ci\", \"refresh_token\": \"" + RT + "\"}";
    static final String VALIDATED_REFRESH_OBJECT = "{\"user_id\": 17, \"created_at\":"
            + " \"2025-03-04T09:15:27.401266Z\", \"token_expires_at\": \"2025-05-03T09:15:27.400981Z\","
            + " \"token_status\": \"ACTIVE\", \"last_used_at\": \"2025-03-04T09:20:02.118530Z\","
            + " \"name\": \"catalogkit-ci\", \"refresh_token\": \"" + RT + "\"}";
    static final String ACCESS_OBJECT = "{\"user_id\": 17, \"created_at\": \"2025-03-04T09:20:02.118530Z\","
            + " \"token_expires_at\": \"2025-03-05T09:20:02.115902Z\", \"token_status\": \"ACTIVE\","
            + " \"api_access_token\": \"" + AT + "\"}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    AlationClient client;

    AlationClient client() {
        if (client == null) {
            client = AlationClient.builder()
                    .baseUrl(server.url("/").toString())
                    .sleeper(sleeps::add)
                    .build();
        }
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    void answer(int status, String json) {
        server.enqueue(MockAnswers.json(status, json));
    }

    RecordedRequest taken() throws InterruptedException {
        return server.takeRequest();
    }

    static JsonNode json(RecordedRequest r) throws Exception {
        return Json.MAPPER.readTree(r.getBody().utf8());
    }

    static void assertTokenCall(RecordedRequest r, String path) {
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo(path);
        assertThat(r.getUrl().query()).isNull();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getHeaders().get("TOKEN")).isNull();
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(r.getHeaders().get("User-Agent")).startsWith("catalogkit-java/");
    }

    static void assertRefreshBody(RecordedRequest r, String value) throws Exception {
        JsonNode body = json(r);
        assertThat(body.get("refresh_token").asText()).isEqualTo(value);
        assertThat(body.get("user_id").isIntegralNumber())
                .as("user_id as a number")
                .isTrue();
        assertThat(body.get("user_id").asLong()).isEqualTo(17);
        assertThat(body.size()).isEqualTo(2);
    }

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
        AccessTokenService a = client().accessTokens();
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
        assertThatThrownBy(() -> a.create(Secret.of(RT), -1)).hasMessageContaining("userId");
        assertThatThrownBy(() -> a.validate(null, 17)).hasMessageContaining("accessToken");
        assertThatThrownBy(() -> a.revokeAll(null, 17)).hasMessageContaining("refreshToken");
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

    @ParameterizedTest
    @ValueSource(strings = {"validate", "regenerate", "mint", "revoke"})
    void expiredOrRevokedSaysToCreateANewRefreshToken(String call) {
        answer(401, "{\"detail\": \"Refresh token provided is expired or revoked.\", \"code\": \"401000\"}");
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> {
            switch (call) {
                case "validate" -> client().refreshTokens().validate(Secret.of(RT), 17);
                case "regenerate" -> client().refreshTokens().regenerate(Secret.of(RT), 17);
                case "mint" -> client().accessTokens().create(Secret.of(RT), 17);
                default -> client().accessTokens().revokeAll(Secret.of(RT), 17);
            }
        });
        assertThat(e.errorCode()).contains("401000");
        assertThat(e.getMessage())
                .contains("expired or revoked")
                .contains("Create a new refresh token")
                .contains("regenerating needs one that is still valid")
                .doesNotContain(RT);
    }

    @Test
    void validateAnswered200WithExpiredReturnsTheTokenAsExpired() {
        answer(200, REFRESH_OBJECT.replace("\"ACTIVE\"", "\"EXPIRED\""));
        RefreshToken t = client().refreshTokens().validate(Secret.of(RT), 17);
        assertThat(t.getStatus()).isEqualTo(TokenStatus.EXPIRED);
        answer(200, ACCESS_OBJECT.replace("\"ACTIVE\"", "\"EXPIRED\""));
        assertThat(client().accessTokens().validate(Secret.of(AT), 17).getStatus())
                .isEqualTo(TokenStatus.EXPIRED);
    }

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
    void errorBodiesWithOnlyDetailOrANumericCode() {
        answer(401, "{\"detail\": \"Refresh token provided is invalid.\"}");
        ApiException onlyDetail = catchThrowableOfType(
                AuthenticationException.class, () -> client().accessTokens().create(Secret.of(RT), 17));
        assertThat(onlyDetail.errorCode()).isEmpty();
        assertThat(onlyDetail.getMessage()).contains("Refresh token provided is invalid.");

        answer(401, "{\"detail\": \"Refresh token provided is invalid.\", \"code\": 401000}");
        ApiException numeric = catchThrowableOfType(
                AuthenticationException.class, () -> client().accessTokens().create(Secret.of(RT), 17));
        assertThat(numeric.errorCode()).contains("401000");

        answer(404, "{\"detail\": \"Not found.\", \"code\": \"404000\"}");
        NotFoundException notFound = catchThrowableOfType(
                NotFoundException.class, () -> client().refreshTokens().validate(Secret.of(RT), 17));
        assertThat(notFound.errorCode()).contains("404000");
    }

    @Test
    void anErrorEchoingTheTokenIsRedacted() {
        answer(401, "{\"detail\": \"Refresh token " + RT + " is invalid.\", \"code\": \"401000\"}");
        assertThatThrownBy(() -> client().refreshTokens().validate(Secret.of(RT), 17))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("[redacted]")
                .hasMessageNotContaining(RT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mint", "validate", "create", "revoke"})
    void statusFailedInA2xxIsA400KeepingTheDetailAsAllieSdkReadsIt(String call) {
        answer(
                200,
                "{\"status\": \"failed\", \"detail\": \"Refresh token provided is invalid.\", \"code\": \"401000\"}");
        ApiException e = catchThrowableOfType(ApiException.class, () -> {
            switch (call) {
                case "mint" -> client().accessTokens().create(Secret.of(RT), 17);
                case "validate" -> client().refreshTokens().validate(Secret.of(RT), 17);
                case "create" -> client().refreshTokens().create("u", Secret.of(PASSWORD), "n");
                default -> client().accessTokens().revokeAll(Secret.of(RT), 17);
            }
        });
        assertThat(e).isNotInstanceOf(AuthenticationException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).contains("401000");
        assertThat(e.getMessage())
                .contains("Refresh token provided is invalid.")
                .doesNotContain(RT);
    }

    @Test
    void statusFailedOnValidateAccessTokenIsAnAuthenticationException() {
        answer(200, "{\"status\": \"failed\", \"detail\": \"API Access Token provided is invalid.\"}");
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client().accessTokens().validate(Secret.of(AT), 17));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).contains("API Access Token provided is invalid.");
    }

    @Test
    void statusFailedWithoutDetailOrInAnyCase() {
        answer(201, "{\"status\": \"FAILED\"}");
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> client().accessTokens().create(Secret.of(RT), 17));
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void htmlOn2xxIsMalformedAndOnAnErrorIsMappedByStatus() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Sign in with SAML</body></html>")
                .build());
        assertThatThrownBy(() -> client().refreshTokens().validate(Secret.of(RT), 17))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("HTML")
                .hasMessageNotContaining("<html");
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Sign in</body></html>")
                .build());
        assertThatThrownBy(() -> client().accessTokens().create(Secret.of(RT), 17))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Create a new refresh token")
                .hasMessageNotContaining("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"ok\""})
    void a2xxThatIsNoObjectIsMalformed(String body) {
        answer(201, body);
        assertThatThrownBy(() -> client().accessTokens().create(Secret.of(RT), 17))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("JSON object");
    }

    // ------------------------------------------------------------------ lenient parsing

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of("2025-03-04T09:15:27.401266Z", "2025-03-04T09:15:27.401266Z"),
                Arguments.of("2025-03-04T09:15:27Z", "2025-03-04T09:15:27Z"),
                Arguments.of("2025-03-04T09:15:27.4Z", "2025-03-04T09:15:27.400Z"),
                Arguments.of("2025-03-04T09:15:27.401266+00:00", "2025-03-04T09:15:27.401266Z"),
                Arguments.of("2025-03-04T11:15:27.401266+02:00", "2025-03-04T09:15:27.401266Z"),
                Arguments.of("2025-03-04T04:15:27-0500", "2025-03-04T09:15:27Z"),
                Arguments.of("2025-03-04T09:15:27.401266", "2025-03-04T09:15:27.401266Z"),
                Arguments.of("2025-03-04 09:15:27.401266+00:00", "2025-03-04T09:15:27.401266Z"),
                Arguments.of("2025-03-04T09:15:27.123456789123Z", "2025-03-04T09:15:27.123456789Z"),
                Arguments.of("2025-03-04t09:15:27z", "2025-03-04T09:15:27Z"));
    }

    @ParameterizedTest
    @MethodSource("timestamps")
    void timestampsInAnyIsoForm(String sent, String expected) {
        answer(201, ACCESS_OBJECT.replace("2025-03-05T09:20:02.115902Z", sent));
        AccessToken t = client().accessTokens().create(Secret.of(RT), 17);
        assertThat(t.getExpiresAt()).contains(Instant.parse(expected));
    }

    @Test
    void userIdAsAStringStatusInAnyCaseAndUnknownFields() {
        answer(
                200,
                "{\"extra\": {\"nested\": true}, \"token_status\": \"active\", \"name\": \"ci\", \"user_id\": \"17\","
                        + " \"created_at\": \"2025-03-04T09:15:27Z\", \"token_expires_at\": \"2025-05-03T09:15:27Z\"}");
        RefreshToken t = client().refreshTokens().validate(Secret.of(RT), 17);
        assertThat(t.getUserId()).isEqualTo(17);
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.getLastUsedAt()).as("last_used_at absent").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Active", " EXPIRED ", "revoked", "something-new"})
    void statusIsReadInAnyCase(String status) {
        answer(200, ACCESS_OBJECT.replace("\"ACTIVE\"", "\"" + status + "\""));
        assertThat(client().accessTokens().validate(Secret.of(AT), 17).getStatus())
                .isEqualTo(TokenStatus.parse(status));
    }

    @Test
    void aMissingUserIdFallsBackToTheOneSent() {
        answer(200, ACCESS_OBJECT.replace("\"user_id\": 17,", ""));
        assertThat(client().accessTokens().validate(Secret.of(AT), 17).getOwner())
                .contains("17");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("created_at", REFRESH_OBJECT.replace("2025-03-04T09:15:27.401266Z", "yesterday")),
                Arguments.of(
                        "created_at", REFRESH_OBJECT.replace("\"created_at\": \"2025-03-04T09:15:27.401266Z\",", "")),
                Arguments.of(
                        "token_expires_at", REFRESH_OBJECT.replace("\"2025-05-03T09:15:27.400981Z\"", "1746263727")),
                Arguments.of(
                        "last_used_at", REFRESH_OBJECT.replace("\"last_used_at\": null", "\"last_used_at\": \"soon\"")),
                Arguments.of("user_id", REFRESH_OBJECT.replace("\"user_id\": 17", "\"user_id\": \"seventeen\"")),
                Arguments.of("user_id", REFRESH_OBJECT.replace("\"user_id\": 17", "\"user_id\": 1.5")),
                Arguments.of("user_id", REFRESH_OBJECT.replace("\"user_id\": 17,", "")),
                Arguments.of("name", REFRESH_OBJECT.replace("\"name\": \"catalogkit-ci\",", "")),
                Arguments.of("refresh_token", REFRESH_OBJECT.replace("\"refresh_token\": \"" + RT + "\"", "\"x\": 1")));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aRequiredFieldMissingOrUnreadableIsMalformed(String field, String body) {
        answer(201, body);
        MalformedResponseException e = catchThrowableOfType(
                MalformedResponseException.class,
                () -> client().refreshTokens().create("jdoe@example.com", Secret.of(PASSWORD), "catalogkit-ci"));
        assertThat(e.getMessage())
                .contains("'" + field + "'")
                .doesNotContain("yesterday")
                .doesNotContain("seventeen")
                .doesNotContain(RT);
    }

    @Test
    void aMintWithoutTheTokenValueIsMalformed() {
        answer(201, ACCESS_OBJECT.replace("\"api_access_token\": \"" + AT + "\"", "\"x\": null"));
        assertThatThrownBy(() -> client().accessTokens().create(Secret.of(RT), 17))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("'api_access_token'");
    }

    @Test
    void lastUsedAtMayBeEmptyText() {
        answer(200, VALIDATED_REFRESH_OBJECT.replace("\"2025-03-04T09:20:02.118530Z\"", "\"\""));
        assertThat(client().refreshTokens().validate(Secret.of(RT), 17).getLastUsedAt())
                .isEmpty();
    }

    // ------------------------------------------------------------------ retries

    @Test
    void validateIsRetriedOn503() throws Exception {
        answer(503, "{}");
        answer(200, VALIDATED_REFRESH_OBJECT);
        client().refreshTokens().validate(Secret.of(RT), 17);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void revokeIsRetriedAfterADroppedConnection() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        answer(200, "{\"detail\": \"Revoked\"}");
        client().accessTokens().revokeAll(Secret.of(RT), 17);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mint", "create", "regenerate"})
    void mintingCallsAreNotRepeatedOnceTheyMayHaveReachedTheServer(String call) {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        answer(201, ACCESS_OBJECT);
        TransportException e = catchThrowableOfType(TransportException.class, () -> mintingCall(call));
        assertThat(e.mayHaveReachedServer()).isTrue();
        assertThat(e.getMessage()).contains("not repeated").doesNotContain(RT).doesNotContain(PASSWORD);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mint", "create", "regenerate"})
    void mintingCallsAreNotRetriedOn503(String call) {
        answer(503, "{}");
        answer(201, ACCESS_OBJECT);
        assertThatThrownBy(() -> mintingCall(call)).isInstanceOf(ServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private void mintingCall(String call) {
        switch (call) {
            case "mint" -> client().accessTokens().create(Secret.of(RT), 17);
            case "create" -> client().refreshTokens().create("u", Secret.of(PASSWORD), "n");
            default -> client().refreshTokens().regenerate(Secret.of(RT), 17);
        }
    }

    @Test
    void aMintThatNeverReachedTheServerIsRetried() throws Exception {
        MockWebServer closed = new MockWebServer();
        closed.start();
        String url = closed.url("/").toString();
        closed.close();
        try (AlationClient c =
                AlationClient.builder().baseUrl(url).sleeper(sleeps::add).build()) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> c.accessTokens().create(Secret.of(RT), 17));
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("after 3 attempts").contains("never reached the server");
        }
        assertThat(sleeps).hasSize(2);
    }
}
