package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.CatalogKitException;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** A credential an application interceptor adds never follows a redirect to another origin. */
class OriginLockTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    /** What a caller's interceptor that adds a credential for {@code server} does. */
    Interceptor addsCredential() {
        HttpUrl origin = server.url("/");
        return chain -> {
            Request r = chain.request();
            if (!OriginLock.sameOrigin(r.url(), origin)) {
                return chain.proceed(r);
            }
            return OriginLock.proceed(
                    chain, r.newBuilder().header("X-Cred", "c-secret").build(), origin, "X-Cred");
        };
    }

    Response get(OkHttpClient client, HttpUrl url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedBeforeAnythingIsSentThere() throws Exception {
        OkHttpClient client =
                new OkHttpClient.Builder().addInterceptor(addsCredential()).build();
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", elsewhere.url("/landing"))
                .build());
        IOException e = catchThrowableOfType(IOException.class, () -> get(client, server.url("/start")));
        assertThat(e.getCause()).isInstanceOf(CatalogKitException.class);
        assertThat(e.getMessage()).contains("X-Cred").doesNotContain("c-secret");
        assertThat(elsewhere.getRequestCount()).isZero();
        assertThat(server.takeRequest().getHeaders().get("X-Cred")).isEqualTo("c-secret");
    }

    @Test
    void aRedirectOnTheSameOriginIsFollowedWithTheCallersCookieJar() throws Exception {
        OkHttpClient client =
                new OkHttpClient.Builder().addInterceptor(addsCredential()).build();
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", server.url("/landing"))
                .build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        try (Response r = get(client, server.url("/start"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        server.takeRequest();
        RecordedRequest landed = server.takeRequest();
        assertThat(landed.getUrl().encodedPath()).isEqualTo("/landing");
        assertThat(landed.getHeaders().get("X-Cred")).isEqualTo("c-secret");
    }

    @Test
    void asANetworkInterceptorEachRequestIsCheckedOnItsOwn() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addNetworkInterceptor(addsCredential())
                .build();
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", elsewhere.url("/landing"))
                .build());
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        try (Response r = get(client, server.url("/start"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(server.takeRequest().getHeaders().get("X-Cred")).isEqualTo("c-secret");
        assertThat(elsewhere.takeRequest().getHeaders().get("X-Cred")).isNull();
    }

    @Test
    void originsDifferByScheme() {
        assertThat(OriginLock.sameOrigin(
                        HttpUrl.get("https://a.example.com/x"), HttpUrl.get("https://A.example.com/y")))
                .isTrue();
        assertThat(OriginLock.sameOrigin(HttpUrl.get("https://a.example.com"), HttpUrl.get("http://a.example.com:443")))
                .isFalse();
        assertThat(OriginLock.sameOrigin(
                        HttpUrl.get("https://a.example.com"), HttpUrl.get("https://a.example.com:8443")))
                .isFalse();
    }
}
