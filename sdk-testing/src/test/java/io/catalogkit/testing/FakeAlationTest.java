package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeAlationTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient http = new OkHttpClient();
    private final FakeClock clock = new FakeClock(Instant.parse("2025-03-04T09:15:27Z"));
    private FakeAlation alation;
    private long userId;

    @BeforeEach
    void start() {
        alation = new FakeAlation(clock).start();
        userId = alation.addUser("jdoe@example.com", "correct-horse").id();
    }

    @AfterEach
    void stop() {
        alation.close();
    }

    record Answer(int status, JsonNode json) {}

    private Answer post(String path, Object body) throws IOException {
        return send(new Request.Builder()
                .url(alation.baseUrl() + path)
                .post(RequestBody.create(FakeJson.MAPPER.writeValueAsBytes(body), JSON))
                .build());
    }

    private Answer send(Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            String text = r.body().string();
            return new Answer(r.code(), text.isEmpty() ? null : FakeJson.MAPPER.readTree(text));
        }
    }

    private Answer tables(String token) throws IOException {
        Request.Builder b = new Request.Builder().url(alation.baseUrl() + FakeAlation.TABLES + "?limit=2");
        if (token != null) {
            b.header("token", token);
        }
        return send(b.build());
    }

    private String createRefreshToken() throws IOException {
        Answer a = post(
                FakeAlation.CREATE_REFRESH_TOKEN,
                Map.of("username", "jdoe@example.com", "password", "correct-horse", "name", "ci"));
        assertThat(a.status()).isEqualTo(201);
        return a.json().get("refresh_token").asText();
    }

    private String mint(String refresh) throws IOException {
        Answer a = post(FakeAlation.CREATE_ACCESS_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(a.status()).isEqualTo(201);
        return a.json().get("api_access_token").asText();
    }

    @Test
    void createRefreshTokenAnswers201WithTheContractObject() throws IOException {
        Answer a = post(
                FakeAlation.CREATE_REFRESH_TOKEN,
                Map.of("username", "jdoe@example.com", "password", "correct-horse", "name", "catalogkit-ci"));
        assertThat(a.status()).isEqualTo(201);
        JsonNode j = a.json();
        assertThat(j.get("user_id").asLong()).isEqualTo(userId);
        assertThat(j.get("name").asText()).isEqualTo("catalogkit-ci");
        assertThat(j.get("token_status").asText()).isEqualTo("ACTIVE");
        assertThat(j.get("created_at").asText()).isEqualTo("2025-03-04T09:15:27.000000Z");
        assertThat(Instant.parse(j.get("token_expires_at").asText()))
                .isBefore(clock.instant().plus(Duration.ofDays(60)))
                .isAfter(clock.instant().plus(Duration.ofDays(60)).minusSeconds(1));
        assertThat(j.has("last_used_at")).isTrue();
        assertThat(j.get("last_used_at").isNull()).isTrue();
        assertThat(j.get("refresh_token").asText()).startsWith("rt-");
        assertThat(alation.refreshTokenStatus(Secret.of(j.get("refresh_token").asText())))
                .contains("ACTIVE");
    }

    @Test
    void duplicateNamesAreAllowed() throws IOException {
        String a = createRefreshToken();
        String b = createRefreshToken();
        assertThat(a).isNotEqualTo(b);
        assertThat(alation.refreshTokenCount(userId)).isEqualTo(2);
    }

    @Test
    void createRefreshTokenRejectsWrongPasswordAndSsoUsers() throws IOException {
        Answer wrong = post(
                FakeAlation.CREATE_REFRESH_TOKEN,
                Map.of("username", "jdoe@example.com", "password", "nope", "name", "ci"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("401000");

        alation.addSsoUser("sso@example.com");
        Answer sso = post(
                FakeAlation.CREATE_REFRESH_TOKEN, Map.of("username", "sso@example.com", "password", "x", "name", "ci"));
        assertThat(sso.status()).isEqualTo(403);
        assertThat(sso.json().get("detail").asText()).contains("SSO");

        Answer missing = post(FakeAlation.CREATE_REFRESH_TOKEN, Map.of("username", "jdoe@example.com"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").has("password")).isTrue();
        assertThat(missing.json().get("errors").has("name")).isTrue();
    }

    @Test
    void validateRefreshTokenAnswersTheObjectOr401() throws IOException {
        String refresh = createRefreshToken();
        Answer ok = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_status").asText()).isEqualTo("ACTIVE");

        Answer stranger =
                post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", userId + 1));
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.json().get("detail").asText()).isEqualTo("Refresh token provided is invalid.");

        clock.advance(Duration.ofDays(61));
        Answer expired = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asText()).isEqualTo("Refresh token provided is expired or revoked.");
        assertThat(expired.json().get("code").asText()).isEqualTo("401000");

        alation.legacyExpiredStatus(true);
        Answer legacy = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("token_status").asText()).isEqualTo("EXPIRED");
        assertThat(alation.validateCount()).isEqualTo(4);
    }

    @Test
    void userIdMayBeAStringButNotGarbage() throws IOException {
        String refresh = createRefreshToken();
        Answer ok = post(
                FakeAlation.VALIDATE_REFRESH_TOKEN,
                Map.of("refresh_token", refresh, "user_id", String.valueOf(userId)));
        assertThat(ok.status()).isEqualTo(200);
        Answer bad = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", "abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asText()).isEqualTo("400006");
    }

    @Test
    void regenerationRevokesTheOldRefreshTokenAtOnce() throws IOException {
        String old = createRefreshToken();
        String access = mint(old);
        Answer a = post(FakeAlation.REGENERATE_REFRESH_TOKEN, Map.of("refresh_token", old, "user_id", userId));
        assertThat(a.status()).isEqualTo(201);
        String fresh = a.json().get("refresh_token").asText();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(a.json().get("name").asText()).isEqualTo("ci");
        assertThat(alation.refreshTokenStatus(Secret.of(old))).contains("REVOKED");
        assertThat(alation.accessTokenStatus(Secret.of(access))).contains("ACTIVE");

        for (String path : new String[] {
            FakeAlation.VALIDATE_REFRESH_TOKEN,
            FakeAlation.CREATE_ACCESS_TOKEN,
            FakeAlation.REVOKE_ACCESS_TOKENS,
            FakeAlation.REGENERATE_REFRESH_TOKEN
        }) {
            assertThat(post(path, Map.of("refresh_token", old, "user_id", userId))
                            .status())
                    .as(path)
                    .isEqualTo(401);
        }
        mint(fresh);
    }

    @Test
    void regenerationSwitches() throws IOException {
        alation.regenerationRevokesAccessTokens(true);
        String old = createRefreshToken();
        String access = mint(old);
        Answer a = post(FakeAlation.REGENERATE_REFRESH_TOKEN, Map.of("refresh_token", old, "user_id", userId));
        assertThat(a.status()).isEqualTo(201);
        assertThat(alation.accessTokenStatus(Secret.of(access))).contains("REVOKED");

        String fresh = a.json().get("refresh_token").asText();
        clock.advance(Duration.ofDays(61));
        assertThat(post(FakeAlation.REGENERATE_REFRESH_TOKEN, Map.of("refresh_token", fresh, "user_id", userId))
                        .status())
                .isEqualTo(401);
        alation.regenerationAcceptsExpired(true);
        assertThat(post(FakeAlation.REGENERATE_REFRESH_TOKEN, Map.of("refresh_token", fresh, "user_id", userId))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void createAccessTokenAnswers201AndExpiresOnTheClock() throws IOException {
        String refresh = createRefreshToken();
        clock.advance(Duration.ofMinutes(5));
        Answer a = post(
                FakeAlation.CREATE_ACCESS_TOKEN, Map.of("refresh_token", refresh, "user_id", String.valueOf(userId)));
        assertThat(a.status()).isEqualTo(201);
        JsonNode j = a.json();
        assertThat(j.get("token_status").asText()).isEqualTo("ACTIVE");
        assertThat(j.get("user_id").asLong()).isEqualTo(userId);
        String access = j.get("api_access_token").asText();
        assertThat(access).startsWith("at-");
        assertThat(Instant.parse(j.get("token_expires_at").asText()))
                .isBefore(clock.instant().plus(Duration.ofHours(24)));
        assertThat(alation.mintCount()).isEqualTo(1);

        Answer rt = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(rt.json().get("last_used_at").asText()).isEqualTo("2025-03-04T09:20:27.000000Z");

        assertThat(tables(access).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(24));
        assertThat(alation.accessTokenStatus(Secret.of(access))).contains("EXPIRED");
        Answer denied = tables(access);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isEqualTo("403000");
    }

    @Test
    void createAccessTokenRejectsBadRefreshTokens() throws IOException {
        Answer unknown = post(FakeAlation.CREATE_ACCESS_TOKEN, Map.of("refresh_token", "rt-nope", "user_id", userId));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("Refresh token provided is invalid.");
        String refresh = createRefreshToken();
        alation.revokeRefreshToken(Secret.of(refresh));
        Answer revoked = post(FakeAlation.CREATE_ACCESS_TOKEN, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("detail").asText()).isEqualTo("Refresh token provided is expired or revoked.");
        assertThat(alation.mintCount()).isZero();
    }

    @Test
    void validateAccessToken() throws IOException {
        String refresh = createRefreshToken();
        String access = mint(refresh);
        Answer ok = post(FakeAlation.VALIDATE_ACCESS_TOKEN, Map.of("api_access_token", access, "user_id", userId));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("api_access_token").asText()).isEqualTo(access);
        Answer bad = post(FakeAlation.VALIDATE_ACCESS_TOKEN, Map.of("api_access_token", "at-x", "user_id", userId));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("detail").asText()).isEqualTo("API Access Token provided is invalid.");
        clock.advance(Duration.ofDays(2));
        assertThat(post(FakeAlation.VALIDATE_ACCESS_TOKEN, Map.of("api_access_token", access, "user_id", userId))
                        .status())
                .isEqualTo(401);
        alation.legacyExpiredStatus(true);
        Answer legacy = post(FakeAlation.VALIDATE_ACCESS_TOKEN, Map.of("api_access_token", access, "user_id", userId));
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("token_status").asText()).isEqualTo("EXPIRED");
        assertThat(post(FakeAlation.VALIDATE_ACCESS_TOKEN, Map.of("user_id", userId))
                        .status())
                .isEqualTo(400);
        assertThat(alation.validateCount()).isEqualTo(5);
    }

    @Test
    void revokeRevokesEveryAccessTokenOfThatRefreshTokenOnly() throws IOException {
        String refresh = createRefreshToken();
        String other = createRefreshToken();
        String a1 = mint(refresh);
        String a2 = mint(refresh);
        String a3 = mint(other);
        assertThat(alation.activeAccessTokenCount(userId)).isEqualTo(3);
        Answer r = post(FakeAlation.REVOKE_ACCESS_TOKENS, Map.of("refresh_token", refresh, "user_id", userId));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("detail").asText()).startsWith("Revoked active access tokens for refresh token: 'ci'");
        assertThat(alation.accessTokenStatus(Secret.of(a1))).contains("REVOKED");
        assertThat(alation.accessTokenStatus(Secret.of(a2))).contains("REVOKED");
        assertThat(alation.accessTokenStatus(Secret.of(a3))).contains("ACTIVE");
        assertThat(alation.refreshTokenStatus(Secret.of(refresh))).contains("ACTIVE");
        assertThat(post(FakeAlation.REVOKE_ACCESS_TOKENS, Map.of("refresh_token", refresh, "user_id", userId))
                        .status())
                .isEqualTo(200);
        assertThat(post(FakeAlation.REVOKE_ACCESS_TOKENS, Map.of("refresh_token", "rt-x", "user_id", userId))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void dataEndpointDemandsAnActiveAccessToken() throws IOException {
        Secret refresh = alation.addRefreshToken(userId, "seeded").secret();
        Secret access = alation.addAccessToken(refresh).secret();
        Answer ok = tables(access.reveal());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().size()).isEqualTo(2);

        Answer none = tables(null);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("detail").asText()).isEqualTo(FakeAlation.NOT_AUTHENTICATED);
        assertThat(none.json().get("code").asText()).isEqualTo("403000");
        assertThat(tables(refresh.reveal()).status())
                .as("a refresh token is no access token")
                .isEqualTo(403);

        alation.dataEndpointAnswers401(true);
        assertThat(tables("at-unknown").status()).isEqualTo(401);
        alation.dataEndpointAnswers401(false);

        alation.denyDataPermission(true);
        Answer denied = tables(access.reveal());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isNotEqualTo("403000");
        assertThat(denied.json().get("detail").asText()).isEqualTo(FakeAlation.PERMISSION_DENIED);

        alation.denyDataPermission(false).rejectEveryDataToken(true);
        assertThat(tables(access.reveal()).json().get("code").asText()).isEqualTo("403000");
        alation.rejectEveryDataToken(false);
        assertThat(tables(access.reveal()).status()).isEqualTo(200);

        alation.revokeAllAccessTokens();
        assertThat(alation.accessTokenStatus(access)).contains("REVOKED");
        assertThat(alation.mintCount()).isZero();
    }

    @Test
    void failedStatusInBodySwitch() throws IOException {
        alation.failedStatusInBody(true);
        Answer a = post(FakeAlation.CREATE_ACCESS_TOKEN, Map.of("refresh_token", "rt-x", "user_id", userId));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("failed");
        assertThat(a.json().get("detail").asText()).isEqualTo("Refresh token provided is invalid.");
    }

    @Test
    void acceptsFormAndMultipartBodies() throws IOException {
        Answer form = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.CREATE_REFRESH_TOKEN)
                .post(new FormBody.Builder()
                        .add("username", "jdoe@example.com")
                        .add("password", "correct-horse")
                        .add("name", "form & more")
                        .build())
                .build());
        assertThat(form.status()).isEqualTo(201);
        assertThat(form.json().get("name").asText()).isEqualTo("form & more");
        String refresh = form.json().get("refresh_token").asText();

        Answer multipart = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.CREATE_ACCESS_TOKEN)
                .post(new MultipartBody.Builder()
                        .setType(MultipartBody.FORM)
                        .addFormDataPart("refresh_token", refresh)
                        .addFormDataPart("user_id", String.valueOf(userId))
                        .build())
                .build());
        assertThat(multipart.status()).isEqualTo(201);
    }

    @Test
    void pathsNeedTheTrailingSlashAndTheRightMethod() throws IOException {
        Answer noSlash = post("/integration/v1/createAPIAccessToken", Map.of("refresh_token", "x", "user_id", 1));
        assertThat(noSlash.status()).isEqualTo(404);
        assertThat(noSlash.json().get("code").asText()).isEqualTo("404000");
        Answer get = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.CREATE_ACCESS_TOKEN)
                .build());
        assertThat(get.status()).isEqualTo(405);
        Answer postTables = post(FakeAlation.TABLES, Map.of());
        assertThat(postTables.status()).isEqualTo(405);
        Answer notJson = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.CREATE_ACCESS_TOKEN)
                .post(RequestBody.create("{not json", JSON))
                .build());
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void tokenEndpointsIgnoreTheTokenHeader() throws IOException {
        String refresh = createRefreshToken();
        Answer a = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.VALIDATE_REFRESH_TOKEN)
                .header("TOKEN", "at-garbage")
                .post(RequestBody.create(
                        FakeJson.MAPPER.writeValueAsBytes(Map.of("refresh_token", refresh, "user_id", userId)), JSON))
                .build());
        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void recordsRequestsAndInjectsFaults() throws IOException {
        alation.failNext(1, Fault.status(429, "3"));
        Answer limited = post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", "x", "user_id", userId));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(alation.requests(FakeAlation.VALIDATE_REFRESH_TOKEN)).hasSize(1);
        assertThat(alation.requests(FakeAlation.VALIDATE_REFRESH_TOKEN)
                        .get(0)
                        .json()
                        .get("user_id")
                        .asLong())
                .isEqualTo(userId);
    }

    @Test
    void seedingChecksItsArguments() {
        assertThatThrownBy(() -> alation.addRefreshToken(999, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alation.addAccessToken(Secret.of("rt-none")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alation.revokeRefreshToken(Secret.of("rt-none")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alation.accessTokenLifespan(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alation.refreshTokenStatus(Secret.of("rt-none"))).isEmpty();
        assertThat(alation.accessTokenStatus(Secret.of("at-none"))).isEmpty();
    }

    @Test
    void seedingReturnsRecordsWithIdsAndRedactedSecrets() {
        FakeAlation.SeededUser sso = alation.addSsoUser("sso@example.com");
        assertThat(sso.id()).isNotEqualTo(userId);
        assertThat(sso.username()).isEqualTo("sso@example.com");
        FakeAlation.SeededRefreshToken refresh = alation.addRefreshToken(userId, "ci");
        assertThat(refresh.userId()).isEqualTo(userId);
        assertThat(refresh.name()).isEqualTo("ci");
        assertThat(refresh.toString()).doesNotContain(refresh.secret().reveal());
        FakeAlation.SeededAccessToken access = alation.addAccessToken(refresh.secret());
        assertThat(access.userId()).isEqualTo(userId);
        assertThat(access.refreshTokenId()).isEqualTo(refresh.id());
        assertThat(access.toString()).doesNotContain(access.secret().reveal());
        assertThat(alation.revokeRefreshToken(refresh.secret())).isSameAs(alation);
        assertThat(alation.revokeAllAccessTokens()).isSameAs(alation);
        assertThat(alation.accessTokenStatus(access.secret())).contains("REVOKED");
    }

    @Test
    void resetGoesBackToTheSeededTokensSettingsAndCounts() throws IOException {
        FakeAlation.SeededRefreshToken seeded = alation.addRefreshToken(userId, "seeded");
        alation.markSeeded();

        String minted = mint(seeded.secret().reveal());
        String regenerated = post(
                        FakeAlation.REGENERATE_REFRESH_TOKEN,
                        Map.of("refresh_token", seeded.secret().reveal(), "user_id", userId))
                .json()
                .get("refresh_token")
                .asText();
        alation.failedStatusInBody(true).accessTokenLifespan(Duration.ofMinutes(1));
        long other = alation.addUser("other@example.com", "pw").id();
        clock.advance(Duration.ofDays(90));
        assertThat(alation.mintCount()).isEqualTo(1);

        alation.reset();

        assertThat(alation.refreshTokenStatus(seeded.secret())).contains("ACTIVE");
        assertThat(alation.refreshTokenStatus(Secret.of(regenerated))).isEmpty();
        assertThat(alation.accessTokenStatus(Secret.of(minted))).isEmpty();
        assertThat(alation.refreshTokenCount(userId)).isEqualTo(1);
        assertThat(alation.mintCount()).isZero();
        assertThat(alation.requests()).isEmpty();
        assertThat(alation.addUser("again@example.com", "pw").id())
                .as("user ids start again where they stood")
                .isEqualTo(other);
        Answer rejected =
                post(FakeAlation.VALIDATE_REFRESH_TOKEN, Map.of("refresh_token", "rt-unknown", "user_id", userId));
        assertThat(rejected.status()).as("failedStatusInBody is off again").isEqualTo(401);
        String fresh = mint(seeded.secret().reveal());
        clock.advance(Duration.ofHours(1));
        assertThat(alation.accessTokenStatus(Secret.of(fresh)))
                .as("the access lifespan is back to 24 hours")
                .contains("ACTIVE");
    }

    @Test
    void lifespansApplyToTokensMadeAfterwards() throws IOException {
        String refresh = createRefreshToken();
        alation.accessTokenLifespan(Duration.ofHours(1)).refreshTokenLifespan(Duration.ofDays(2));
        String access = mint(refresh);
        clock.advance(Duration.ofMinutes(61));
        assertThat(alation.accessTokenStatus(Secret.of(access))).contains("EXPIRED");
        String shortLived = createRefreshToken();
        clock.advance(Duration.ofDays(2));
        assertThat(alation.refreshTokenStatus(Secret.of(shortLived))).contains("EXPIRED");
        assertThat(alation.refreshTokenStatus(Secret.of(refresh))).contains("ACTIVE");
    }
}
