package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.atlan.AtlanClient;
import org.junit.jupiter.api.Test;

/** The README's "Testing your code" snippet, verbatim, so that it stays true. */
class ReadmeTest {
    @Test
    void testingYourCodeSnippetWorks() {
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
            try (AtlanClient client = AtlanClient.builder()
                    .baseUrl(atlan.baseUrl())
                    .apiKey(admin.secret())
                    .sleeper(d -> {})
                    .build()) { // retries without sleeping
                atlan.failNext(1, Fault.status(503)); // retried: the lookup is safe to repeat
                assertThat(client.apiTokens().retrieveByName("admin")).isPresent();
                assertThat(atlan.requests("/api/service/apikeys")).hasSize(2);
            }
        }
    }
}
