package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the Alation services read odd answers (error bodies, in-body failures, lenient fields) and which calls are retried, against MockWebServer. */
class AlationAnswersHttpTest extends AlationHttpFixture {
    // ------------------------------------------------------------------ error bodies

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
