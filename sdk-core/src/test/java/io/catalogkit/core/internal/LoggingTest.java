package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** slf4j-simple is configured (src/test/resources) to log io.catalogkit at TRACE to System.err. */
class LoggingTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void logsOneDebugLinePerAttemptAndNoHeaderQueryOrBodyValue() {
        assertThat(LoggerFactory.getLogger("io.catalogkit.http").isTraceEnabled())
                .isTrue();
        Secret key = Secret.of("header-secret-value-1");
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "rid-777")
                .body("{\"message\":\"response-body-value\"}")
                .build());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClients clients = new TestClients();
        try (Transport t = Transport.builder(
                        clients.builder(server.url("/").toString()).build(), "Test")
                .credentials(Credentials.bearer(key))
                .build()) {
            t.exchange(ApiRequest.builder("look up", "POST")
                            .path("things")
                            .query("filter", "query-value-secret")
                            .header("X-Extra", "extra-header-value")
                            .body(Map.of("password", "request-body-value"))
                            .safeToRetry(true)
                            .build())
                    .body();
        } catch (ApiException expected) {
            // the 400 ends the call; what matters is what was logged on the way
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log)
                .contains("Test look up: POST /things -> 503")
                .contains("(attempt 1/3)")
                .contains("Test look up: POST /things -> 400")
                .contains("(attempt 2/3)")
                .doesNotContain(key.reveal())
                .doesNotContain("query-value-secret")
                .doesNotContain("extra-header-value")
                .doesNotContain("request-body-value")
                .doesNotContain("response-body-value")
                .doesNotContain("rid-777");
    }
}
