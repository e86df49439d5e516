package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.MockAnswers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Atlan's error bodies and token fields as atlan-java and pyatlan read them. */
class AtlanAnswersHttpTest {
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";

    @StartStop
    final MockWebServer server = new MockWebServer();

    AtlanClient client;

    @BeforeEach
    void setUp() {
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("eyJhbGciOiJSUzI1NiJ9.client-key.sig"))
                .clock(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC))
                .sleeper(d -> {})
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    void answer(int code, String json) {
        server.enqueue(MockAnswers.json(code, json.replace('\'', '"')));
    }

    @Test
    void theGatewaysStatusIsTheCodeWhenNothingElseIs() {
        answer(401, "{'status': 401, 'url': '/api/service/apikeys'}");
        AuthenticationException e = catchThrowableOfType(
                AuthenticationException.class, () -> client.apiTokens().list(0, 10));
        assertThat(e.errorCode()).contains("401");
    }

    @Test
    void errorIdAndCausesStayInTheMessage() {
        answer(
                400,
                "{'errorCode': 'ATLAS-400-00-029', 'errorMessage': 'Invalid request', 'errorId': 'e-7f3a',"
                        + " 'causes': [{'errorType': 'IllegalArgumentException', 'errorMessage': 'displayName is"
                        + " required', 'location': 'ApiKeyResource.create'}, 'plain cause'], 'status': 400}");
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> client.apiTokens().create("n", null, Set.of(), null));
        assertThat(e.errorCode()).contains("ATLAS-400-00-029");
        assertThat(e.getMessage())
                .contains("Invalid request")
                .contains("errorId e-7f3a")
                .contains("IllegalArgumentException: displayName is required at ApiKeyResource.create")
                .contains("plain cause");
    }

    @Test
    void personaDisplayNamesAndWorkspacePermissionsAreRead() {
        answer(
                200,
                "{'id': 'g', 'clientId': 'apikey-1', 'displayName': 'n', 'attributes': {'accessToken': 'secret-value',"
                        + " 'personaQualifiedName': [{'id': 'i1', 'persona': 'Data Engineers', 'personaQualifiedName': '"
                        + P1 + "'}, {'id': 'i2', 'personaQualifiedName': '" + P2 + "'}],"
                        + " 'workspacePermissions': '[\\'READ_INSIGHTS\\', \\'MANAGE_QUERIES\\']'}}");
        ApiToken t = client.apiTokens().create("n", null, Set.of(P1, P2), null);
        assertThat(t.getPersonaQualifiedNames()).containsExactlyInAnyOrder(P1, P2);
        assertThat(t.getPersonaNames()).containsExactly(java.util.Map.entry(P1, "Data Engineers"));
        assertThat(t.getWorkspacePermissions()).containsExactly("READ_INSIGHTS", "MANAGE_QUERIES");
        assertThat(t.toString()).doesNotContain("secret-value");
    }

    @Test
    void unreadableWorkspacePermissionsAreEmptyNotAFailure() {
        answer(
                200,
                "{'id': 'g', 'clientId': 'apikey-1', 'displayName': 'n', 'attributes': {'accessToken': 'x',"
                        + " 'personaQualifiedName': ['" + P1 + "'], 'workspacePermissions': 'not json'}}");
        ApiToken t = client.apiTokens().create("n", null, Set.of(P1), null);
        assertThat(t.getWorkspacePermissions()).isEmpty();
        assertThat(t.getPersonaNames()).isEmpty();
        assertThat(t.getPersonaQualifiedNames()).containsExactly(P1);
    }
}
