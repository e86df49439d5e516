package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.MockAnswers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;

/**
 * What the MockWebServer tests of the Alation services share: the server, a client without
 * credentials, Alation's token objects as the server sends them, and checks of what went on the
 * wire.
 */
abstract class AlationHttpFixture {
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
}
