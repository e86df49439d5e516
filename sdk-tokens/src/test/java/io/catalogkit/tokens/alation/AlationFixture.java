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
    final FakeAlation alation;
    final long userId;
    final Secret refreshToken;
    final AlationClient client;

    AlationFixture() {
        this(b -> b);
    }

    AlationFixture(UnaryOperator<AlationClient.Builder> options) {
        this(false, options);
    }

    /**
     * A fixture whose fake serves HTTPS or HTTP.
     *
     * @param https whether the fake serves HTTPS (its clients then trust its certificate)
     * @param options further settings of the fixture's client
     */
    AlationFixture(boolean https, UnaryOperator<AlationClient.Builder> options) {
        alation = (https ? new FakeAlation(clock).https() : new FakeAlation(clock)).start();
        userId = alation.addUser(USERNAME, PASSWORD).id();
        refreshToken = alation.addRefreshToken(userId, "catalogkit-ci").secret();
        client = options.apply(builder().refreshToken(refreshToken, userId)).build();
    }

    /** A builder pointed at the fake, with its clock and without real sleeps. */
    AlationClient.Builder builder() {
        AlationClient.Builder b =
                AlationClient.builder().baseUrl(alation.baseUrl()).clock(clock).sleeper(d -> {});
        return alation.baseUrl().startsWith("https:") ? b.httpClient(alation.httpClient()) : b;
    }

    @Override
    public void close() {
        client.close();
        alation.close();
    }
}
