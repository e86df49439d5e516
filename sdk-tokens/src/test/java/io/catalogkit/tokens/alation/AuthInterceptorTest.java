package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code authInterceptor()} end to end: the caller's own OkHttp client calling FakeAlation's data endpoint. */
class AuthInterceptorTest {
    static final String AUTH_403 =
            "{\"detail\": \"Authentication credentials were not provided.\", \"code\": \"403000\"}";

    final AlationFixture f = new AlationFixture();
    final OkHttpClient http = new OkHttpClient.Builder()
            .addInterceptor(f.client.authInterceptor())
            .build();

    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    @AfterEach
    void close() {
        f.close();
    }

    record Answer(int status, String body) {}

    Answer get(OkHttpClient client, HttpUrl url) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return new Answer(r.code(), r.body().string());
        }
    }

    HttpUrl tables() {
        return HttpUrl.get(f.alation.baseUrl() + FakeAlation.TABLES + "?limit=1");
    }

    List<String> tokensSent() {
        return f.alation.requests(FakeAlation.TABLES).stream()
                .map(c -> c.header("TOKEN").orElse(null))
                .toList();
    }

    @Test
    void addsTheCurrentTokenToAlationCalls() throws IOException {
        Answer a = get(http, tables());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("orders");
        assertThat(tokensSent()).containsExactly(f.client.currentAccessToken().reveal());
        get(http, tables());
        assertThat(f.alation.mintCount()).isEqualTo(1);
        assertThat(f.alation.validateCount()).as("no validate call per request").isZero();
    }

    @Test
    void renewsTheTokenBeforeItExpiresWithoutTheCallerNoticing() throws IOException {
        get(http, tables());
        f.clock.advance(Duration.ofHours(23).plusMinutes(57));
        assertThat(get(http, tables()).status()).isEqualTo(200);
        List<String> sent = tokensSent();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isNotEqualTo(sent.get(0));
        assertThat(f.alation.mintCount()).isEqualTo(2);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(2);
    }

    @Test
    void neverSendsTheTokenToAnotherHostOrPort() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        get(http, elsewhere.url("/integration/v2/table/"));
        RecordedRequest r = elsewhere.takeRequest();
        assertThat(r.getHeaders().get("TOKEN")).isNull();

        HttpUrl base = HttpUrl.get(f.alation.baseUrl());
        String otherName = base.host().equals("localhost") ? "127.0.0.1" : "localhost";
        HttpUrl sameHostOtherName = tables().newBuilder().host(otherName).build();
        Answer a = get(http, sameHostOtherName);
        assertThat(a.status())
                .as("not recognised as Alation, so no token and no replay")
                .isEqualTo(403);
        assertThat(tokensSent()).containsExactly((String) null);
        assertThat(f.alation.mintCount()).isZero();
    }

    @Test
    void leavesACallersOwnTokenHeaderAndTheTokenEndpointsAlone() throws IOException {
        String own = f.alation.addAccessToken(f.refreshToken).secret().reveal();
        try (Response r = http.newCall(
                        new Request.Builder().url(tables()).header("token", own).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(tokensSent()).containsExactly(own);

        RequestBody body = RequestBody.create(
                "{\"refresh_token\": \"" + f.refreshToken.reveal() + "\", \"user_id\": " + f.userId + "}",
                MediaType.get("application/json"));
        try (Response r = http.newCall(new Request.Builder()
                        .url(f.alation.baseUrl() + FakeAlation.VALIDATE_REFRESH_TOKEN)
                        .post(body)
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(f.alation.requests(FakeAlation.VALIDATE_REFRESH_TOKEN).get(0).header("TOKEN"))
                .isEmpty();
        assertThat(f.alation.mintCount()).isZero();
    }

    @Test
    void anAuth403ReMintsOnceAndReplaysOnce() throws IOException {
        get(http, tables());
        f.alation.revokeAllAccessTokens();
        Answer a = get(http, tables());
        assertThat(a.status()).isEqualTo(200);
        List<String> sent = tokensSent();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(sent.get(2)).isNotEqualTo(sent.get(1));
        assertThat(f.alation.mintCount()).isEqualTo(2);
        assertThat(f.alation.validateCount()).isZero();
    }

    @Test
    void a401ReMintsOnceAndReplaysOnce() throws IOException {
        f.alation.dataEndpointAnswers401(true);
        get(http, tables());
        f.alation.revokeAllAccessTokens();
        assertThat(get(http, tables()).status()).isEqualTo(200);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(3);
        assertThat(f.alation.mintCount()).isEqualTo(2);
    }

    @Test
    void a403WhoseBodyIsNotJsonCountsAsAnAuthFailure() throws IOException {
        get(http, tables());
        f.alation.failNext(1, Fault.html(403));
        assertThat(get(http, tables()).status()).isEqualTo(200);
        f.alation.failNext(1, Fault.body(403, "text/plain", ""));
        assertThat(get(http, tables()).status()).isEqualTo(200);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(5);
        assertThat(f.alation.mintCount()).isEqualTo(3);
    }

    @Test
    void aGenuinePermission403IsReturnedAsItIs() throws IOException {
        f.alation.denyDataPermission(true);
        Answer a = get(http, tables());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body()).contains(FakeAlation.PERMISSION_DENIED);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(1);
        assertThat(f.alation.mintCount()).isEqualTo(1);
    }

    @Test
    void aSecondRejectionIsReturnedAsItIsAfterExactlyOneReplay() throws IOException {
        get(http, tables());
        f.alation.rejectEveryDataToken(true);
        Answer a = get(http, tables());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body()).contains("403000");
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(3);
        assertThat(f.alation.mintCount()).isEqualTo(2);

        f.alation.dataEndpointAnswers401(true);
        assertThat(get(http, tables()).status()).isEqualTo(401);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(5);
        assertThat(f.alation.mintCount()).isEqualTo(3);
    }

    @Test
    void otherStatusesPassThroughUntouched() throws IOException {
        f.client.currentAccessToken();
        f.alation.failNext(1, Fault.status(500));
        assertThat(get(http, tables()).status()).isEqualTo(500);
        f.alation.failNext(1, Fault.status(404));
        assertThat(get(http, tables()).status()).isEqualTo(404);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(2);
        assertThat(f.alation.mintCount()).isEqualTo(1);
    }

    @Test
    void aFailedReMintIsAnIOExceptionCarryingTheCause() throws IOException {
        get(http, tables());
        f.alation.revokeRefreshToken(f.refreshToken);
        f.alation.revokeAllAccessTokens();
        IOException e = catchThrowableOfType(IOException.class, () -> get(http, tables()));
        assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).contains("Create a new refresh token").doesNotContain(f.refreshToken.reveal());
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(2);
    }

    @Test
    void aFailedFirstMintIsAnIOExceptionAndNothingIsSent() {
        f.alation.revokeRefreshToken(f.refreshToken);
        IOException e = catchThrowableOfType(IOException.class, () -> get(http, tables()));
        assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
        assertThat(f.alation.requests(FakeAlation.TABLES)).isEmpty();
    }

    @Test
    void asynchronousCallsSeeOnFailure() throws Exception {
        f.alation.revokeRefreshToken(f.refreshToken);
        CompletableFuture<IOException> failure = new CompletableFuture<>();
        http.newCall(new Request.Builder().url(tables()).build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failure.complete(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                failure.completeExceptionally(new AssertionError("expected a failure"));
            }
        });
        assertThat(failure.get().getCause()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aNetworkInterceptorAddsTheTokenButCannotReplay() throws IOException {
        OkHttpClient network = new OkHttpClient.Builder()
                .addNetworkInterceptor(f.client.authInterceptor())
                .build();
        assertThat(get(network, tables()).status()).isEqualTo(200);
        f.alation.revokeAllAccessTokens();
        assertThat(get(network, tables()).status()).isEqualTo(403);
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(2);
    }

    @Test
    void aOneShotBodyIsNotReplayed() throws IOException {
        f.client.currentAccessToken();
        f.alation.failNext(1, Fault.body(403, "application/json", AUTH_403));
        RequestBody oneShot = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("{}");
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
        try (Response r = http.newCall(
                        new Request.Builder().url(tables()).post(oneShot).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(403);
        }
        assertThat(f.alation.requests(FakeAlation.TABLES)).hasSize(1);
    }
}
