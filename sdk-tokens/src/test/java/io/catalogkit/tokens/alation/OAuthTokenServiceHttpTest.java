package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.StderrCapture;
import io.catalogkit.tokens.TokenStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the OAuth client-credentials path sends and how it reads every answer, against MockWebServer. */
@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class OAuthTokenServiceHttpTest {
    static final String CLIENT_ID = "catalogkit-ci";
    static final String SECRET = "cs-EXAMPLE-s3cr&t=9";
    static final Instant NOW = Instant.parse("2025-03-04T09:15:27Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeClock clock = new FakeClock(NOW);
    AlationClient client;

    AlationClient client(boolean withOAuthClient) {
        AlationClient.Builder b = AlationClient.builder()
                .baseUrl(server.url("/").toString())
                .clock(clock)
                .sleeper(d -> {});
        if (withOAuthClient) {
            b.oauthClient(CLIENT_ID, Secret.of(SECRET));
        }
        client = b.build();
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    static String jwt(Instant exp, String jti) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"svc-7\",\"client_id\":\"" + CLIENT_ID + "\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + exp.getEpochSecond() + ",\"jti\":\"" + jti + "\"}";
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    void minted(String jwt, long expiresIn) {
        server.enqueue(MockAnswers.json(
                200,
                "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                        + ",\"scope\":\"openid\"}"));
    }

    /** A data call through the client's interceptor; its status. */
    int tables(AlationClient c) throws java.io.IOException {
        OkHttpClient http =
                new OkHttpClient.Builder().addInterceptor(c.authInterceptor()).build();
        try (Response r = http.newCall(new Request.Builder()
                        .url(server.url("/integration/v2/table/"))
                        .build())
                .execute()) {
            return r.code();
        }
    }

    @Test
    void mintSendsTheExactFormAndReadsTheToken() throws Exception {
        String jwt = jwt(NOW.plusSeconds(3600), "j1");
        minted(jwt, 3600);
        AccessToken t = client(false).oauthTokens().mint(CLIENT_ID, Secret.of(SECRET));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/oauth/v2/token/");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(r.getBody().utf8())
                .isEqualTo(
                        "grant_type=client_credentials&client_id=catalogkit-ci&client_secret=cs-EXAMPLE-s3cr%26t%3D9");
        assertThat(r.getHeaders().get("TOKEN")).isNull();
        assertThat(r.getHeaders().get("Authorization")).isNull();

        assertThat(t.getSecret()).contains(Secret.of(jwt));
        assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(t.getCreatedAt()).contains(NOW);
        assertThat(t.getExpiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(t.getOwner()).contains("svc-7");
    }

    @Test
    void withoutExpiresInTheJwtExpiryCountsAndWithoutEitherTheAnswerIsMalformed() {
        Instant exp = NOW.plusSeconds(900);
        server.enqueue(MockAnswers.json(200, "{\"access_token\":\"" + jwt(exp, "j2") + "\"}"));
        assertThat(client(false)
                        .oauthTokens()
                        .mint(CLIENT_ID, Secret.of(SECRET))
                        .getExpiresAt())
                .contains(exp);

        server.enqueue(MockAnswers.json(200, "{\"access_token\":\"opaque\",\"expires_in\":0}"));
        assertThatThrownBy(() -> client.oauthTokens().mint(CLIENT_ID, Secret.of(SECRET)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("expires_in");
        server.enqueue(MockAnswers.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":60}"));
        assertThatThrownBy(() -> client.oauthTokens().mint(CLIENT_ID, Secret.of(SECRET)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("access_token");
    }

    @Test
    void invalidClientIsAnAuthenticationExceptionWithAHintAndNoSecret() {
        for (int status : new int[] {401, 400}) {
            server.enqueue(MockAnswers.json(
                    status,
                    "{\"error\":\"invalid_client\",\"error_description\":\"Client credentials are incorrect\","
                            + "\"code\":\"" + status + "\"}"));
            AuthenticationException e = catchThrowableOfType(
                    AuthenticationException.class,
                    () -> client(false).oauthTokens().mint(CLIENT_ID, Secret.of(SECRET)));
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.errorCode()).contains("invalid_client");
            assertThat(e.getMessage())
                    .contains("Client credentials are incorrect")
                    .contains("client id and secret")
                    .doesNotContain(SECRET)
                    .doesNotContain("cs-EXAMPLE");
            client.close();
        }
    }

    @Test
    void unsupportedGrantTypeSaysWhichServersHaveOAuthClients() {
        server.enqueue(MockAnswers.json(
                400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Unsupported grant type\"}"));
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> client(false).oauthTokens().mint(CLIENT_ID, Secret.of(SECRET)));
        assertThat(e).isNotInstanceOf(AuthenticationException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).contains("unsupported_grant_type");
        assertThat(e.getMessage()).contains("Unsupported grant type").contains("2023.3");
    }

    @Test
    void introspectSendsTheFormAndReadsActiveAndInactiveAnswers() throws Exception {
        String live = jwt(NOW.plusSeconds(3600), "live");
        server.enqueue(MockAnswers.json(
                200,
                "{\"active\":true,\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + ",\"iat\":"
                        + NOW.getEpochSecond() + ",\"jti\":\"live\",\"sub\":\"svc-7\",\"client_id\":\"" + CLIENT_ID
                        + "\"}"));
        AccessToken active = client(false).oauthTokens().introspect(Secret.of(live), CLIENT_ID, Secret.of(SECRET));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/oauth/v2/introspect/");
        assertThat(r.getUrl().queryParameter("verify_token")).isEqualTo("true");
        assertThat(r.getBody().utf8())
                .isEqualTo("token=" + live + "&token_type_hint=access_token&client_id=catalogkit-ci"
                        + "&client_secret=cs-EXAMPLE-s3cr%26t%3D9");
        assertThat(active.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(active.getExpiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(active.getCreatedAt()).contains(NOW);
        assertThat(active.getId()).contains("live");
        assertThat(active.getSecret()).isEmpty();

        server.enqueue(MockAnswers.json(200, "{\"active\":false}"));
        assertThat(client.oauthTokens()
                        .introspect(Secret.of(live), CLIENT_ID, Secret.of(SECRET))
                        .getStatus())
                .as("inactive before its exp: revoked")
                .isEqualTo(TokenStatus.REVOKED);
        server.enqueue(MockAnswers.json(200, "{\"active\":false}"));
        assertThat(client.oauthTokens()
                        .introspect(Secret.of(jwt(NOW.minusSeconds(1), "old")), CLIENT_ID, Secret.of(SECRET))
                        .getStatus())
                .isEqualTo(TokenStatus.EXPIRED);
        server.enqueue(MockAnswers.json(200, "{\"active\":false}"));
        assertThat(client.oauthTokens()
                        .introspect(Secret.of("not-a-jwt"), CLIENT_ID, Secret.of(SECRET))
                        .getStatus())
                .isEqualTo(TokenStatus.EXPIRED);
        server.enqueue(MockAnswers.json(200, "{\"active\":\"yes\"}"));
        assertThatThrownBy(() -> client.oauthTokens().introspect(Secret.of(live), CLIENT_ID, Secret.of(SECRET)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("active");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        OAuthTokenService o = client(false).oauthTokens();
        assertThatThrownBy(() -> o.mint(" ", Secret.of(SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId");
        assertThatThrownBy(() -> o.mint(CLIENT_ID, null)).hasMessageContaining("clientSecret");
        assertThatThrownBy(() -> o.introspect(null, CLIENT_ID, Secret.of(SECRET)))
                .hasMessageContaining("jwt");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theManagedJwtIsCachedRenewedBeforeExpiryAndSentInToken() throws Exception {
        String first = jwt(NOW.plusSeconds(3600), "a");
        String second = jwt(NOW.plusSeconds(7200), "b");
        minted(first, 3600);
        minted(second, 3600);
        AlationClient c = client(true);
        assertThat(c.currentAccessToken().reveal()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(54));
        assertThat(c.currentAccessToken().reveal())
                .as("cached until 5 minutes before expiry")
                .isEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(c.currentAccessToken().reveal())
                .as("renewed inside the skew")
                .isEqualTo(second);
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(MockAnswers.json(200, "[]"));
        assertThat(tables(c)).isEqualTo(200);
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("TOKEN")).isEqualTo(second);
    }

    @Test
    void aRejectedJwtIsMintedAgainOnceAndTheRequestReplayed() throws Exception {
        String first = jwt(NOW.plusSeconds(3600), "a");
        String second = jwt(NOW.plusSeconds(3600), "b");
        minted(first, 3600);
        server.enqueue(MockAnswers.json(401, "{\"detail\":\"Token expired\"}"));
        minted(second, 3600);
        server.enqueue(MockAnswers.json(200, "[]"));
        AlationClient c = client(true);
        assertThat(tables(c)).isEqualTo(200);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/oauth/v2/token/");
        assertThat(server.takeRequest().getHeaders().get("TOKEN")).isEqualTo(first);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/oauth/v2/token/");
        assertThat(server.takeRequest().getHeaders().get("TOKEN")).isEqualTo(second);
        assertThat(c.currentAccessToken().reveal()).isEqualTo(second);
    }

    @Test
    void aWrongSecretFailsTheInterceptorWithAnIOExceptionAndLeaksNothing() throws Exception {
        StderrCapture captured = new StderrCapture();
        String log;
        try {
            server.enqueue(MockAnswers.json(
                    401, "{\"error\":\"invalid_client\",\"error_description\":\"Client credentials are incorrect\"}"));
            AlationClient c = client(true);
            assertThat(c.toString()).contains(CLIENT_ID).doesNotContain(SECRET);
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(c.authInterceptor())
                    .build();
            java.io.IOException e = catchThrowableOfType(
                    java.io.IOException.class,
                    () -> http.newCall(new Request.Builder()
                                    .url(server.url("/integration/v2/table/"))
                                    .build())
                            .execute());
            assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(SECRET);
            }
        } finally {
            log = captured.text();
            captured.close();
        }
        assertThat(log)
                .as("logged at TRACE, so there are lines to look at")
                .contains("oauth/v2/token")
                .doesNotContain(SECRET)
                .doesNotContain("s3cr");
    }

    @Test
    void eitherARefreshTokenOrAnOAuthClient() {
        assertThatThrownBy(() -> AlationClient.builder()
                        .baseUrl(server.url("/").toString())
                        .refreshToken(Secret.of("rt"), 17)
                        .oauthClient(CLIENT_ID, Secret.of(SECRET))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> AlationClient.builder().oauthClient(" ", Secret.of(SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId");
        assertThat(client(false).ownRefreshToken()).isEmpty();
    }
}
