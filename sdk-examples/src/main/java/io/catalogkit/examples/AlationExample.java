package io.catalogkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.alation.AlationClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Alation in a few steps: create a refresh token, let the client keep an API access token fresh
 * across a simulated day, call a data endpoint through {@link AlationClient#authInterceptor()},
 * regenerate the refresh token, revoke the access tokens; then an OAuth client (client
 * credentials): a JWT minted, a data call, an introspection.
 *
 * <p>Runs against an embedded {@link FakeAlation} unless {@code ALATION_BASE_URL}, {@code
 * ALATION_REFRESH_TOKEN} and {@code ALATION_USER_ID} are set; against a real instance it only
 * reads, unless {@code ALATION_EXAMPLE_ALLOW_CHANGES=true} is set too. No secret is printed.
 */
public final class AlationExample {
    private static final String ALLOW_CHANGES = "ALATION_EXAMPLE_ALLOW_CHANGES";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlationExample() {}

    /**
     * Runs the example on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where the story is printed
     */
    public static void run(PrintStream out) {
        Map<String, String> env = System.getenv();
        if (isSet(env, "ALATION_BASE_URL") && isSet(env, "ALATION_REFRESH_TOKEN") && isSet(env, "ALATION_USER_ID")) {
            runLive(out, env);
        } else {
            runEmbedded(out);
        }
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static void runEmbedded(PrintStream out) {
        out.println("Alation: embedded FakeAlation (set ALATION_BASE_URL, ALATION_REFRESH_TOKEN and"
                + " ALATION_USER_ID for a real instance)");
        try (FakeAlation alation = new FakeAlation().start()) {
            long userId =
                    alation.addUser("jdoe@example.com", "correct-horse-battery").id();

            RefreshToken refresh;
            try (AlationClient anonymous =
                    AlationClient.builder().baseUrl(alation.baseUrl()).build()) {
                refresh = anonymous
                        .refreshTokens()
                        .create("jdoe@example.com", Secret.of("correct-horse-battery"), "catalogkit-example");
            }
            Secret refreshValue = refresh.getSecret().orElseThrow();
            out.printf(
                    "  1. Created refresh token '%s' for user %d: %s, valid until %s%n",
                    refresh.getName(),
                    refresh.getUserId(),
                    refreshValue.masked(),
                    refresh.getExpiresAt().orElseThrow());

            try (AlationClient client = AlationClient.builder()
                    .baseUrl(alation.baseUrl())
                    .refreshToken(refreshValue, userId)
                    .clock(alation.clock())
                    .build()) {
                OkHttpClient http = new OkHttpClient.Builder()
                        .addInterceptor(client.authInterceptor())
                        .build();
                Request tables = new Request.Builder()
                        .url(alation.baseUrl() + FakeAlation.TABLES + "?limit=2")
                        .build();

                out.printf(
                        "  2. GET /integration/v2/table/ through authInterceptor(): %s (access tokens minted: %d)%n",
                        call(http, tables), alation.mintCount());
                Secret morning = client.currentAccessToken();
                for (Duration step :
                        List.of(Duration.ofHours(8), Duration.ofHours(8), Duration.ofMinutes(7 * 60 + 57))) {
                    alation.clock().advance(step);
                    out.printf(
                            "     %5s later: %s (access tokens minted: %d)%n",
                            hours(step), call(http, tables), alation.mintCount());
                }
                Secret evening = client.currentAccessToken();
                out.printf(
                        "  3. Near the end of its 24 h the access token %s was replaced by %s before it expired;"
                                + " the caller saw only 200s, and no validate call was made (%d).%n",
                        morning.masked(), evening.masked(), alation.validateCount());

                alation.revokeAllAccessTokens();
                int before = alation.requests(FakeAlation.TABLES).size();
                String answer = call(http, tables);
                out.printf(
                        "  4. An admin revoked every access token; the next call got 403, re-minted once and"
                                + " replayed once: %s (%d requests, access tokens minted: %d)%n",
                        answer, alation.requests(FakeAlation.TABLES).size() - before, alation.mintCount());

                RefreshToken regenerated = client.refreshTokens().regenerate(refreshValue, userId);
                Secret newRefresh = regenerated.getSecret().orElseThrow();
                out.printf(
                        "  5. Regenerated the refresh token: %s -> %s; the old one is now %s, and the client"
                                + " switched to the new one: %s%n",
                        refreshValue.masked(),
                        newRefresh.masked(),
                        alation.refreshTokenStatus(refreshValue).orElse("?"),
                        call(http, tables));

                Secret current = client.currentAccessToken();
                client.accessTokens().revokeAll(newRefresh, userId);
                String validation;
                try {
                    client.accessTokens().validate(current, userId);
                    validation = "still valid?";
                } catch (CatalogKitException e) {
                    validation = e.getClass().getSimpleName();
                }
                out.printf(
                        "  6. Revoked all access tokens of the new refresh token: validating %s now gives %s;"
                                + " the next call re-mints on its own: %s%n",
                        current.masked(), validation, call(http, tables));
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
            oauthClient(out, alation);
        }
    }

    /** An OAuth client (a service account): its JWTs are minted and renewed like access tokens. */
    private static void oauthClient(PrintStream out, FakeAlation alation) {
        FakeAlation.SeededOAuthClient svc = alation.addOAuthClient("catalogkit-example", Duration.ofHours(1));
        try (AlationClient client = AlationClient.builder()
                .baseUrl(alation.baseUrl())
                .oauthClient(svc.clientId(), svc.clientSecret())
                .clock(alation.clock())
                .build()) {
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(client.authInterceptor())
                    .build();
            String answer = call(
                    http,
                    new Request.Builder()
                            .url(alation.baseUrl() + FakeAlation.TABLES + "?limit=1")
                            .build());
            Secret jwt = client.currentAccessToken();
            AccessToken state = client.oauthTokens().introspect(jwt, svc.clientId(), svc.clientSecret());
            out.printf(
                    "  7. OAuth client '%s': minted a JWT %s (POST /oauth/v2/token/), GET /integration/v2/table/"
                            + " through authInterceptor(): %s; introspect: %s until %s%n",
                    svc.clientId(),
                    jwt.masked(),
                    answer,
                    state.getStatus(),
                    state.getExpiresAt().map(Object::toString).orElse("?"));
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void runLive(PrintStream out, Map<String, String> env) {
        boolean changes =
                "true".equalsIgnoreCase(env.getOrDefault(ALLOW_CHANGES, "").trim());
        try (AlationClient client = AlationClient.fromEnv()) {
            out.println("Alation: " + client);
            long userId = Long.parseLong(env.get("ALATION_USER_ID").trim());
            Secret refresh = Secret.of(env.get("ALATION_REFRESH_TOKEN").trim());
            RefreshToken state = client.refreshTokens().validate(refresh, userId);
            out.printf(
                    "  1. Refresh token '%s': %s, expires %s%n",
                    state.getName(),
                    state.getStatus(),
                    state.getExpiresAt().map(Object::toString).orElse("(not said)"));
            out.printf(
                    "  2. Managed access token: %s%n",
                    client.currentAccessToken().masked());
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(client.authInterceptor())
                    .build();
            Request tables = new Request.Builder()
                    .url(env.get("ALATION_BASE_URL").trim().replaceAll("/+$", "") + "/integration/v2/table/?limit=1")
                    .build();
            out.printf("  3. GET /integration/v2/table/?limit=1 through authInterceptor(): %s%n", call(http, tables));
            if (!changes) {
                out.println("  4. Skipped creating, regenerating and revoking tokens: they change the instance."
                        + " Set " + ALLOW_CHANGES + "=true to run them.");
            } else if (isSet(env, "ALATION_USERNAME") && isSet(env, "ALATION_PASSWORD")) {
                RefreshToken own = client.refreshTokens()
                        .create(
                                env.get("ALATION_USERNAME").trim(),
                                Secret.of(env.get("ALATION_PASSWORD")),
                                "catalogkit-example");
                Secret value = own.getSecret().orElseThrow();
                out.printf("  4. Created refresh token '%s': %s%n", own.getName(), value.masked());
                RefreshToken regenerated = client.refreshTokens().regenerate(value, own.getUserId());
                out.printf(
                        "  5. Regenerated it: %s -> %s%n",
                        value.masked(), regenerated.getSecret().orElseThrow().masked());
                client.accessTokens().revokeAll(regenerated.getSecret().orElseThrow(), own.getUserId());
                out.println("  6. Revoked its access tokens. The example's refresh token cannot be revoked over the"
                        + " API: remove 'catalogkit-example' under Profile > Authentication. Your configured token"
                        + " was left alone.");
            } else {
                client.accessTokens().revokeAll(refresh, userId);
                out.printf(
                        "  4. Revoked the access tokens of the configured refresh token; the next call re-mints: %s%n",
                        call(http, tables));
                out.println("     Creating and regenerating need ALATION_USERNAME and ALATION_PASSWORD (the example"
                        + " never regenerates your configured token, whose new value it could not show you).");
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        } catch (CatalogKitException e) {
            out.println("Alation call failed: " + e.getMessage());
        }
    }

    private static String call(OkHttpClient http, Request request) {
        try (Response r = http.newCall(request).execute()) {
            String body = r.body().string();
            if (!r.isSuccessful()) {
                return String.valueOf(r.code());
            }
            List<String> names = new ArrayList<>();
            try {
                JsonNode json = JSON.readTree(body);
                for (JsonNode t : json.isArray() ? json : JSON.createArrayNode()) {
                    names.add(t.path("name").asText("?"));
                }
            } catch (IOException e) {
                return r.code() + " (not JSON)";
            }
            return r.code() + " " + names;
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static String hours(Duration d) {
        return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : String.format("%02d", d.toMinutesPart()));
    }
}
