package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FakeAlation's OAuth clients over raw HTTP: O1, O2, the data endpoint, revocation, expiry, reset. */
class FakeAlationOAuthTest {
    private final OkHttpClient http = new OkHttpClient();
    private final FakeClock clock = new FakeClock(Instant.parse("2025-03-04T09:15:27Z"));
    private final FakeAlation alation = new FakeAlation(clock).start();
    private final FakeAlation.SeededOAuthClient client = alation.addOAuthClient("svc", Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        alation.close();
    }

    record Answer(int status, JsonNode json) {}

    private Answer send(Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            String text = r.body().string();
            return new Answer(r.code(), text.isEmpty() ? null : FakeJson.MAPPER.readTree(text));
        }
    }

    private Answer token(String path, String secret) throws IOException {
        return send(new Request.Builder()
                .url(alation.baseUrl() + path)
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("client_id", client.clientId())
                        .add("client_secret", secret)
                        .build())
                .build());
    }

    private Answer introspect(String jwt) throws IOException {
        return send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.OAUTH_INTROSPECT + "?verify_token=true")
                .header(
                        "Authorization",
                        Credentials.basic(
                                client.clientId(), client.clientSecret().reveal()))
                .post(new FormBody.Builder()
                        .add("token", jwt)
                        .add("token_type_hint", "access_token")
                        .build())
                .build());
    }

    private int tables(String token) throws IOException {
        return send(new Request.Builder()
                        .url(alation.baseUrl() + FakeAlation.TABLES)
                        .header("TOKEN", token)
                        .build())
                .status();
    }

    @Test
    void mintsAJwtShapedTokenHonouringTheLifespan() throws IOException {
        Answer a = token(FakeAlation.OAUTH_TOKEN, client.clientSecret().reveal());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(a.json().get("expires_in").asLong()).isEqualTo(600);
        String jwt = a.json().get("access_token").asText();
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = FakeJson.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        long now = clock.instant().getEpochSecond();
        assertThat(claims.get("iat").asLong()).isEqualTo(now);
        assertThat(claims.get("exp").asLong()).isEqualTo(now + 600);
        assertThat(claims.get("sub").asText()).isEqualTo("svc");
        assertThat(claims.get("client_id").asText()).isEqualTo("svc");
        assertThat(alation.oauthMintCount()).isEqualTo(1);

        assertThat(tables(jwt)).isEqualTo(200);
        JsonNode active = introspect(jwt).json();
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("exp").asLong()).isEqualTo(now + 600);
        clock.advance(Duration.ofMinutes(10));
        assertThat(introspect(jwt).json().toString()).isEqualTo("{\"active\":false}");
        assertThat(tables(jwt)).isEqualTo(403);
        assertThat(alation.oauthTokenStatus(client.clientSecret())).isEmpty();
    }

    @Test
    void theTrailingSlashAndHttpBasicAreBothOptional() throws IOException {
        String noSlash = FakeAlation.OAUTH_TOKEN.substring(0, FakeAlation.OAUTH_TOKEN.length() - 1);
        assertThat(token(noSlash, client.clientSecret().reveal()).status()).isEqualTo(200);
        Answer basic = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.OAUTH_TOKEN)
                .header(
                        "Authorization",
                        Credentials.basic(
                                client.clientId(), client.clientSecret().reveal()))
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .build())
                .build());
        assertThat(basic.status()).isEqualTo(200);
        assertThat(alation.oauthMintCount()).isEqualTo(2);
    }

    @Test
    void aWrongSecretAndAnotherGrantAreRefusedAsRfc6749Says() throws IOException {
        Answer wrong = token(FakeAlation.OAUTH_TOKEN, "cs-wrong");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().toString())
                .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Client credentials are incorrect\","
                        + "\"code\":\"401\"}");
        Answer grant = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.OAUTH_TOKEN)
                .header(
                        "Authorization",
                        Credentials.basic(
                                client.clientId(), client.clientSecret().reveal()))
                .post(new FormBody.Builder().add("grant_type", "password").build())
                .build());
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(send(new Request.Builder()
                                .url(alation.baseUrl() + FakeAlation.OAUTH_TOKEN)
                                .build())
                        .status())
                .isEqualTo(405);
        assertThat(alation.oauthMintCount()).isZero();
    }

    @Test
    void revokingAClientsTokensEndsThemBeforeTheirExpiry() throws IOException {
        String jwt = token(FakeAlation.OAUTH_TOKEN, client.clientSecret().reveal())
                .json()
                .get("access_token")
                .asText();
        alation.revokeOAuthTokens("svc");
        assertThat(introspect(jwt).json().get("active").asBoolean()).isFalse();
        assertThat(tables(jwt)).isEqualTo(403);
        assertThat(alation.oauthTokenStatus(io.catalogkit.core.Secret.of(jwt))).contains("REVOKED");
        assertThatThrownBy(() -> alation.revokeOAuthTokens("nobody")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alation.addOAuthClient("svc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetGoesBackToTheSeededClients() throws IOException {
        alation.markSeeded();
        FakeAlation.SeededOAuthClient later = alation.addOAuthClient("later");
        token(FakeAlation.OAUTH_TOKEN, client.clientSecret().reveal());
        alation.reset();
        assertThat(alation.oauthMintCount()).isZero();
        assertThat(token(FakeAlation.OAUTH_TOKEN, client.clientSecret().reveal())
                        .status())
                .isEqualTo(200);
        Answer gone = send(new Request.Builder()
                .url(alation.baseUrl() + FakeAlation.OAUTH_TOKEN)
                .header(
                        "Authorization",
                        Credentials.basic(later.clientId(), later.clientSecret().reveal()))
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .build())
                .build());
        assertThat(gone.status()).isEqualTo(401);
        assertThat(later.toString()).doesNotContain(later.clientSecret().reveal());
    }
}
