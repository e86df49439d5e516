package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.MockAnswers;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user reads when the Atlan client talks to the wrong service, or a persona change fails. */
class AtlanMessagesTest {
    static final String GUID = "3f9c2b71-5d0e-4a6b-8c19-7e2d4f6a1b35";
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";

    @StartStop
    final MockWebServer server = new MockWebServer();

    AtlanClient client;

    @BeforeEach
    void open() {
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("atlan-key-123456"))
                .sleeper(d -> {})
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    static MockResponse text(int status, String contentType, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", contentType)
                .body(body)
                .build();
    }

    static String listing(String... personas) {
        StringBuilder p = new StringBuilder();
        for (String persona : personas) {
            p.append(p.length() == 0 ? "" : ",").append('"').append(persona).append('"');
        }
        return "{\"totalRecord\":1,\"filterRecord\":1,\"records\":[{\"id\":\"" + GUID + "\","
                + "\"clientId\":\"apikey-b7e4d2a0-91c3-4f58-a6d2-0c8e5f1b3a97\",\"displayName\":\"n\","
                + "\"attributes\":{\"description\":\"\",\"createdAt\":1735689600000,"
                + "\"access.token.lifespan\":157680000,\"personaQualifiedName\":[" + p + "]}}]}";
    }

    @Test
    void anotherServiceAnswering405SaysToCheckTheBaseUrlWithItsText() {
        server.enqueue(text(405, "text/plain", "Method Not Allowed\n"));
        assertThatThrownBy(() -> client.apiTokens().list(0, 10))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("answered 405: Method Not Allowed")
                .hasMessageContaining("check the base URL")
                .hasMessageNotContaining("atlan-key-123456");
    }

    @Test
    void anotherServiceAnswering404WithAPageSaysToCheckTheBaseUrlWithItsTitle() {
        server.enqueue(text(
                404,
                "text/html",
                "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"));
        assertThatThrownBy(() -> client.apiTokens().list(0, 10))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("answered 404: 404 Not Found.")
                .hasMessageContaining("check the base URL")
                .hasMessageNotContaining("<html>");
    }

    @Test
    void atlansOwn404InItsErrorShapeIsNotBlamedOnTheBaseUrl() {
        server.enqueue(MockAnswers.json(
                404, "{\"errorCode\":\"ATLAS-404-00-005\",\"errorMessage\":\"Given instance guid x is invalid\"}"));
        assertThatThrownBy(() -> client.apiTokens().list(0, 10))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Given instance guid x is invalid")
                .hasMessageNotContaining("base URL");
    }

    @Test
    void aFailedLinkIsReportedAsLinkingPersonas() {
        server.enqueue(MockAnswers.json(200, listing(P1)));
        server.enqueue(MockAnswers.json(400, "{\"errorCode\":\"ATLAS-400-00-08A\",\"errorMessage\":\"bad persona\"}"));
        assertThatThrownBy(() -> client.apiTokens().linkPersonas(GUID, Set.of(P2)))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Atlan link personas to API token failed")
                .hasMessageNotContaining("update API token");
    }

    @Test
    void aFailedUnlinkIsReportedAsUnlinkingPersonas() {
        server.enqueue(MockAnswers.json(200, listing(P1, P2)));
        server.enqueue(MockAnswers.json(400, "{\"errorCode\":\"ATLAS-400-00-08A\",\"errorMessage\":\"bad persona\"}"));
        assertThatThrownBy(() -> client.apiTokens().unlinkPersonas(GUID, Set.of(P2)))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Atlan unlink personas from API token failed")
                .hasMessageNotContaining("update API token");
    }
}
