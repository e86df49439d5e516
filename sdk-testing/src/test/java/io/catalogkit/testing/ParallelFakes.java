package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** What each parallel extension test does to its fake, and what it must see. */
final class ParallelFakes {
    private static final OkHttpClient HTTP = new OkHttpClient();

    private ParallelFakes() {}

    /**
     * Creates a refresh token for the fake's one seeded user over HTTP and mints twice from it;
     * checks that the fake holds exactly that and has received exactly those requests: nothing from
     * another test's fake, running at the same time, leaks in.
     */
    static void mintAndCheckIsolation(FakeAlation fake, String username) {
        assertThat(fake.requests()).as("the fake starts each test clean").isEmpty();
        JsonNode refresh = post(
                fake,
                FakeAlation.CREATE_REFRESH_TOKEN,
                Map.of(
                        "username",
                        username,
                        "password",
                        "pw",
                        "name",
                        Thread.currentThread().getName()));
        long userId = refresh.get("user_id").asLong();
        for (int i = 0; i < 2; i++) {
            post(
                    fake,
                    FakeAlation.CREATE_ACCESS_TOKEN,
                    Map.of("refresh_token", refresh.get("refresh_token").asText(), "user_id", userId));
        }
        assertThat(fake.refreshTokenCount(userId)).isEqualTo(1);
        assertThat(fake.mintCount()).isEqualTo(2);
        assertThat(fake.activeAccessTokenCount(userId)).isEqualTo(2);
        assertThat(fake.requests()).hasSize(3);
        assertThat(fake.requests(FakeAlation.CREATE_REFRESH_TOKEN))
                .singleElement()
                .satisfies(c -> assertThat(c.json().get("username").asText()).isEqualTo(username));
    }

    private static JsonNode post(FakeAlation fake, String path, Map<String, Object> body) {
        try (Response r = HTTP.newCall(new Request.Builder()
                        .url(fake.baseUrl() + path)
                        .post(RequestBody.create(
                                FakeJson.MAPPER.writeValueAsString(body), MediaType.get("application/json")))
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(201);
            return FakeJson.MAPPER.readTree(r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
