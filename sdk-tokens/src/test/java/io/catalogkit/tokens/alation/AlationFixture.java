package io.catalogkit.tokens.alation;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeClock;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A started FakeAlation with one user and one refresh token, and a client that shares its clock. */
final class AlationFixture implements AutoCloseable {
    static final String USERNAME = "jdoe@example.com";
    static final String PASSWORD = "correct-horse-battery";

    final FakeClock clock = new FakeClock(Instant.parse("2025-03-04T09:15:27Z"));
    final FakeAlation alation = new FakeAlation(clock).start();
    final long userId = alation.addUser(USERNAME, PASSWORD).id();
    final Secret refreshToken = alation.addRefreshToken(userId, "catalogkit-ci").secret();
    final AlationClient client;

    AlationFixture() {
        this(b -> b);
    }

    AlationFixture(UnaryOperator<AlationClient.Builder> options) {
        client = options.apply(builder().refreshToken(refreshToken, userId)).build();
    }

    /** A builder pointed at the fake, with its clock and without real sleeps. */
    AlationClient.Builder builder() {
        return AlationClient.builder().baseUrl(alation.baseUrl()).clock(clock).sleeper(d -> {});
    }

    @Override
    public void close() {
        client.close();
        alation.close();
    }
}
