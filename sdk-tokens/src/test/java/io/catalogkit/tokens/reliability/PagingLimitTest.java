package io.catalogkit.tokens.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.MockAnswers;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Paging near Integer.MAX_VALUE: no next page whose offset would overflow, whatever the server says. */
class PagingLimitTest {
    final MockWebServer server = new MockWebServer();
    AtlanClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    static String records(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add("{\"id\":\"g" + i + "\",\"clientId\":\"apikey-" + i + "\",\"displayName\":\"t" + i
                    + "\",\"attributes\":{\"description\":\"\",\"createdAt\":1735689600000}}");
        }
        return "{\"records\":[" + String.join(",", r) + "]}";
    }

    @Test
    void aServerThatAnswersMoreThanAskedNearTheEndGetsNoNextPage() throws Exception {
        server.start();
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("k-0001"))
                .sleeper(d -> {})
                .build();
        // Asked for 10, answered 15 without a count: a full page, but its next offset would pass the end.
        server.enqueue(MockAnswers.json(200, records(15)));
        Page<ApiToken> page = client.apiTokens().list(Integer.MAX_VALUE - 20, 10);
        assertThat(page.getItems()).hasSize(15);
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.getTotal()).isEqualTo(Integer.MAX_VALUE - 5);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(server.takeRequest().getUrl().queryParameter("offset"))
                .isEqualTo(Integer.toString(Integer.MAX_VALUE - 20));
    }

    @Test
    void theLastPageThatFitsIsStillOffered() throws Exception {
        server.start();
        client = AtlanClient.builder()
                .baseUrl(server.url("/").toString())
                .apiKey(Secret.of("k-0001"))
                .sleeper(d -> {})
                .build();
        server.enqueue(MockAnswers.json(200, records(10)));
        server.enqueue(MockAnswers.json(200, records(10)));
        Page<ApiToken> first = client.apiTokens().list(Integer.MAX_VALUE - 20, 10);
        assertThat(first.hasNextPage()).isTrue();
        Page<ApiToken> last = first.nextPage();
        assertThat(last.hasNextPage()).isFalse();
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("offset"))
                .isEqualTo(Integer.toString(Integer.MAX_VALUE - 10));
    }
}
