package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeExtension;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's fake example, verbatim (ReadmeTest checks that the README shows this code). */
class TokenJanitorFakeTest {
    @RegisterExtension // static: one fake for the class, back to its seeded state before each test
    static final FakeExtension<FakeAtlan> ATLAN = FakeExtension.of(FakeAtlan::new)
            .client(
                    AtlanClient.class,
                    atlan -> AtlanClient.builder()
                            .baseUrl(atlan.baseUrl())
                            .apiKey(atlan.addApiToken("janitor").secret()) // seeded, so it outlives resets
                            .build());

    @Test
    void purgesWhatHasExpired(FakeAtlan atlan, AtlanClient client) {
        atlan.addApiToken("nightly", "", Set.of(), 3600);
        atlan.clock().advance(Duration.ofHours(2));

        assertThat(new TokenJanitor(client.apiTokens())
                        .purgeExpired(atlan.clock().instant()))
                .isEqualTo(1);
        assertThat(atlan.tokenGuids("nightly")).isEmpty();
        assertThat(atlan.requests()).extracting(RecordedCall::method).containsExactly("GET", "DELETE");
    }

    @Test
    void eachTestStartsFromTheSeededState(FakeAtlan atlan) {
        assertThat(atlan.tokenGuids("nightly")).isEmpty();
        assertThat(atlan.tokenGuids("janitor")).hasSize(1);
    }
}
