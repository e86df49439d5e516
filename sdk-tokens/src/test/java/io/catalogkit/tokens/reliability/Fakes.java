package io.catalogkit.tokens.reliability;

import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.FakeServer;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.time.Duration;

/** The three fakes, started, and one client of each against them, for the reliability suites. */
final class Fakes implements AutoCloseable {
    final FakeAtlan atlan = new FakeAtlan().start();
    final FakeAlation alation = new FakeAlation().start();
    final FakeDataHub hub = new FakeDataHub().start();
    AtlanClient atlanClient;
    AlationClient alationClient;
    DataHubClient hubClient;

    /**
     * Builds the clients, once the fakes are seeded: the fakes' clocks, no real sleeps.
     *
     * @param atlanKey the Atlan client's key
     * @param hubToken the DataHub client's token
     * @param readTimeout how long a client waits for an answer
     * @return this
     */
    Fakes connect(Secret atlanKey, Secret hubToken, Duration readTimeout) {
        atlanClient = options(AtlanClient.builder(), atlan, readTimeout)
                .apiKey(atlanKey)
                .build();
        alationClient = options(AlationClient.builder(), alation, readTimeout).build();
        hubClient = options(DataHubClient.builder(), hub, readTimeout)
                .token(hubToken)
                .build();
        return this;
    }

    private static <B extends ClientBuilder<B>> B options(B builder, FakeServer<?> fake, Duration readTimeout) {
        return builder.baseUrl(fake.baseUrl())
                .clock(fake.clock())
                .readTimeout(readTimeout)
                .sleeper(d -> {});
    }

    @Override
    public void close() {
        atlanClient.close();
        alationClient.close();
        hubClient.close();
        atlan.close();
        alation.close();
        hub.close();
    }
}
