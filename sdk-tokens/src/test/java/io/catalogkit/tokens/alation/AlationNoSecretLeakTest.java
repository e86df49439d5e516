package io.catalogkit.tokens.alation;

import static io.catalogkit.tokens.alation.AlationFixture.PASSWORD;
import static io.catalogkit.tokens.alation.AlationFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.StderrCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every Alation flow, failures included, with catalogkit logging at TRACE, and checks that no
 * token or password shows up in a log line, an exception message, a {@code toString} or a
 * serialized model.
 */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class AlationNoSecretLeakTest {
    final Set<String> secrets = new LinkedHashSet<>();
    final List<String> texts = new ArrayList<>();

    void remember(Secret s) {
        secrets.add(s.reveal());
    }

    void text(Object o) throws Exception {
        texts.add(String.valueOf(o));
        if (o instanceof RefreshToken || o instanceof AccessToken) {
            texts.add(Json.MAPPER.writeValueAsString(o));
        }
    }

    void failure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
        }
    }

    @Test
    void noSecretInLogsMessagesOrToString() throws Exception {
        StderrCapture captured = new StderrCapture();
        try (AlationFixture f = new AlationFixture()) {
            secrets.add(PASSWORD);
            remember(f.refreshToken);
            AlationClient c = f.client;
            text(c);

            RefreshToken created = c.refreshTokens().create(USERNAME, Secret.of(PASSWORD), "leak-check");
            remember(created.getSecret().orElseThrow());
            text(created);
            text(c.refreshTokens().validate(created.getSecret().orElseThrow(), f.userId));
            AccessToken minted = c.accessTokens().create(created.getSecret().orElseThrow(), f.userId);
            remember(minted.getSecret().orElseThrow());
            text(minted);
            text(c.accessTokens().validate(minted.getSecret().orElseThrow(), f.userId));
            c.accessTokens().revokeAll(created.getSecret().orElseThrow(), f.userId);

            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(c.authInterceptor())
                    .build();
            Request tables = new Request.Builder()
                    .url(f.alation.baseUrl() + FakeAlation.TABLES)
                    .build();
            try (Response r = http.newCall(tables).execute()) {
                texts.add(r.toString());
            }
            remember(c.currentAccessToken());
            f.alation.revokeAllAccessTokens();
            try (Response r = http.newCall(tables).execute()) {
                texts.add(r.toString());
            }
            remember(c.currentAccessToken());
            f.clock.advance(Duration.ofHours(24));
            remember(c.currentAccessToken());

            RefreshToken regenerated = c.refreshTokens().regenerate(f.refreshToken, f.userId);
            remember(regenerated.getSecret().orElseThrow());
            text(regenerated);
            remember(c.currentAccessToken());

            // Failures of every kind, each carrying a secret in its request.
            failure(() -> c.refreshTokens().create(USERNAME, Secret.of("wrong-" + PASSWORD), "x"));
            secrets.add("wrong-" + PASSWORD);
            failure(() -> c.refreshTokens().validate(f.refreshToken, f.userId));
            failure(() -> c.accessTokens().create(f.refreshToken, f.userId));
            failure(() -> c.accessTokens().validate(minted.getSecret().orElseThrow(), f.userId));
            f.alation.failNext(
                    1,
                    Fault.body(
                            401,
                            "application/json",
                            "{\"detail\": \"token " + f.refreshToken.reveal()
                                    + " is invalid\", \"code\": \"401000\"}"));
            failure(() -> c.refreshTokens().validate(f.refreshToken, f.userId));
            f.alation.failNext(
                    1,
                    Fault.body(
                            200,
                            "application/json",
                            "{\"api_access_token\": \"" + f.refreshToken.reveal() + "\", \"created_at\": \"never\"}"));
            failure(() -> c.accessTokens().create(regenerated.getSecret().orElseThrow(), f.userId));
            f.alation.failedStatusInBody(true);
            failure(() -> c.accessTokens().revokeAll(f.refreshToken, f.userId));
            f.alation.failedStatusInBody(false);
            f.alation.failNext(1, Fault.disconnect());
            failure(() -> c.accessTokens().create(regenerated.getSecret().orElseThrow(), f.userId));

            f.alation.revokeRefreshToken(regenerated.getSecret().orElseThrow());
            f.alation.revokeAllAccessTokens();
            try (Response r = http.newCall(tables).execute()) {
                texts.add(r.toString());
            } catch (java.io.IOException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(t.toString());
                }
            }
            http.dispatcher().executorService().shutdown();
        } finally {
            captured.close();
        }
        String log = captured.text();
        assertThat(log)
                .as("the run logged at DEBUG, so the check has lines to look at")
                .contains("createAPIAccessToken")
                .contains("minted an API access token")
                .contains("replaying once");
        assertThat(secrets).hasSizeGreaterThan(8);
        assertThat(texts).hasSizeGreaterThan(15);
        for (String secret : secrets) {
            assertThat(log).as("log").doesNotContain(secret);
            for (String t : texts) {
                assertThat(t).doesNotContain(secret);
            }
        }
    }
}
