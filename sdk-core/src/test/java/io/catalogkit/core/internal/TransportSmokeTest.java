package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TransportSmokeTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void sendsGetWithQueryAndReadsJson() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"a\":1}")
                .build());
        TestClients t = new TestClients();
        try (Transport transport = Transport.builder(
                        t.builder(server.url("/base/").toString()).build(), "Test")
                .credentials(Credentials.bearer(Secret.of("k-123")))
                .build()) {
            JsonNode n = transport.send(
                    ApiRequest.builder("get thing", "GET")
                            .path("api/things")
                            .pathParam("a b")
                            .query("filter", "{\"x\":\"y z\"}")
                            .build(),
                    JsonNode.class);
            assertThat(n.get("a").asInt()).isEqualTo(1);
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/base/api/things/a%20b");
        assertThat(r.getUrl().queryParameter("filter")).isEqualTo("{\"x\":\"y z\"}");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer k-123");
        assertThat(r.getHeaders().get("User-Agent")).startsWith("catalogkit-java/");
        assertThat(r.getHeaders().get("X-Request-Id")).isNotBlank();
    }
}
