package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.StderrCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No secret in any log line (logging at TRACE), exception message or {@code toString}. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class AtlanNoSecretLeakTest {
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final String COLL = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";
    static final String JDOE = "jdoe-bearer-secret-value-7f3a";
    static final String MALLORY = "mallory-bearer-secret-value-91c2";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void aWholeSessionIncludingFailuresLeaksNoSecret() {
        List<String> secrets = new ArrayList<>(List.of(JDOE, MALLORY, "not-a-real-bearer-x1"));
        List<String> texts = new ArrayList<>();
        String logs;
        try (StderrCapture err = new StderrCapture();
                FakeAtlan atlan = new FakeAtlan(new FakeClock(Instant.parse("2026-03-01T10:00:00Z"))).start()) {
            atlan.addUser("jdoe", JDOE)
                    .addUser("mallory", MALLORY)
                    .addPersona(P1, "Engineers")
                    .addPersona(P2, "Analysts")
                    .addAsset(CONN, "Connection", "default/snowflake/1", "prod")
                    .setAdminUsers(CONN, "jdoe")
                    .allowWrite(CONN, "jdoe")
                    .allowRead(CONN, "mallory")
                    .addAsset(COLL, "Collection", "default/collection/jdoe/1", "queries")
                    .allowWrite(COLL, "jdoe");
            FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
            secrets.add(admin.secret().reveal());
            texts.add(admin.toString());
            try (AtlanClient client = AtlanClient.builder()
                    .baseUrl(atlan.baseUrl())
                    .apiKey(admin.secret())
                    .clock(atlan.clock())
                    .sleeper(d -> {})
                    .build()) {
                ApiTokenService tokens = client.apiTokens();
                texts.add(client.toString());
                texts.add(tokens.toString());

                ApiToken created = tokens.create("leak-check", "d", new LinkedHashSet<>(List.of(P1)), 999_999_999L);
                secrets.add(created.getAccessToken().orElseThrow().reveal());
                texts.add(created.toString());
                texts.add(created.getAccessToken().orElseThrow().toString());
                texts.add(created.getAccessToken().orElseThrow().masked());
                texts.add(tokens.retrieveByName("leak-check").orElseThrow().toString());
                texts.add(tokens.getById(created.getServiceAccountUsername())
                        .orElseThrow()
                        .toString());
                Page<ApiToken> page = tokens.list(0, 1);
                texts.add(page.toString());
                page.autoPager().forEach(t -> texts.add(t.toString()));
                texts.add(tokens.linkPersonas(created.getGuid(), Set.of(P2)).toString());
                texts.add(tokens.unlinkPersonas(created.getGuid(), Set.of(P1)).toString());
                List<Throwable> failures = new ArrayList<>();
                failures.add(catchThrowable(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(MALLORY))));
                tokens.addApiTokenAsAdmin(CONN, Secret.of(JDOE));
                tokens.addApiTokenAsViewer(COLL, Secret.of(JDOE));
                failures.add(catchThrowable(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of("not-a-real-bearer-x1"))));
                failures.add(catchThrowable(() -> tokens.linkPersonas(created.getGuid(), Set.of("default/none"))));
                atlan.failNext(1, Fault.status(503).afterHandling());
                failures.add(catchThrowable(() -> tokens.create("ambiguous", "", Set.of(), null)));
                atlan.failNext(1, Fault.disconnect().afterHandling());
                failures.add(catchThrowable(() -> tokens.create("ambiguous", "", Set.of(), null)));
                failures.add(catchThrowable(() -> tokens.retrieveByName("ambiguous")));
                atlan.failNext(1, Fault.html(200));
                failures.add(catchThrowable(() -> tokens.getByGuid(created.getGuid())));
                tokens.purge(created.getGuid());
                try (AtlanClient purged = AtlanClient.builder()
                        .baseUrl(atlan.baseUrl())
                        .apiKey(created.getAccessToken().orElseThrow())
                        .build()) {
                    failures.add(catchThrowable(() -> purged.apiTokens().addApiTokenAsAdmin(CONN, Secret.of(JDOE))));
                }
                assertThat(failures).doesNotContainNull().hasSize(8);
                for (Throwable t : failures) {
                    for (Throwable c = t; c != null; c = c.getCause()) {
                        texts.add(String.valueOf(c.getMessage()));
                        texts.add(c.toString());
                    }
                }
            }
            logs = err.text();
        }
        assertThat(logs)
                .as("logging was on")
                .contains("DEBUG io.catalogkit.http")
                .contains("WARN");
        assertThat(logs).contains("sending validitySeconds");
        assertThat(secrets).hasSize(5);
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
            assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(secret));
        }
        assertThat(String.join("\n", texts + logs)).doesNotContain("eyJhbGciOiJSUzI1NiJ9.");
    }

    @Test
    void credentialsEchoedByTheServerAreRedactedFromMessages() {
        String key = "client-key-value-4242";
        String imp = "impersonation-value-1717";
        server.enqueue(json(200, "{\"username\":\"service-account-apikey-1\"}"));
        server.enqueue(json(401, "{\"errorMessage\":\"token " + imp + " is invalid\"}"));
        server.enqueue(json(401, "{\"message\":\"key " + key + " unknown; eyJhbGciOiJSUzI1NiJ9.abc.def\"}"));
        String logs;
        Throwable a;
        Throwable b;
        try (StderrCapture err = new StderrCapture();
                AtlanClient client = AtlanClient.builder()
                        .baseUrl(server.url("/").toString())
                        .apiKey(Secret.of(key))
                        .build()) {
            a = catchThrowable(() -> client.apiTokens().addApiTokenAsAdmin(CONN, Secret.of(imp)));
            b = catchThrowable(() -> client.apiTokens().retrieveByName("x"));
            logs = err.text();
        }
        assertThat(a.getMessage()).contains("[redacted]").doesNotContain(imp);
        assertThat(b.getMessage()).contains("[redacted]").doesNotContain(key).doesNotContain("eyJ");
        assertThat(logs).doesNotContain(key).doesNotContain(imp);
    }

    private static MockResponse json(int code, String body) {
        return MockAnswers.json(code, body);
    }
}
