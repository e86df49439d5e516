package io.catalogkit.tokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AlationClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet's Alation client reads its refresh token (or OAuth client secret) from a store and, when a
 * mint is refused, reads it again: a regeneration elsewhere ends the old value at once.
 */
class AlationStoreFakeTest {
    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T00:00:00Z"));
    FakeAlation alation;
    long user;
    Secret refresh;
    Path store;
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        alation = new FakeAlation(clock).start();
        user = alation.addUser("jdoe@example.com", "pw-0001").id();
        refresh = alation.addRefreshToken(user, "fleet").secret();
        store = Stores.write(dir.resolve("alation-refresh-token"), refresh);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        alation.close();
    }

    AlationClient client(CredentialSource token, Stores.Waits waits, Duration wait) {
        AlationClient c = AlationClient.builder()
                .baseUrl(alation.baseUrl())
                .refreshToken(token, user)
                .clock(clock)
                .sleeper(waits)
                .credentialWait(wait)
                .build();
        closeLater.add(c);
        return c;
    }

    /** Another process regenerates the refresh token into the store; every access token then expires. */
    void rotateElsewhereAndExpire() {
        client(CredentialSource.of(refresh), new Stores.Waits(), Duration.ZERO)
                .refreshTokens()
                .rotate(refresh, user, SecretSink.toFile(store));
        clock.advance(Duration.ofDays(2));
    }

    @Test
    void aRegenerationByAnotherClientLosesNoMint() {
        Stores.Counting source = new Stores.Counting(store);
        AlationClient fleet = client(source, new Stores.Waits(), Duration.ofSeconds(30));
        Secret first = fleet.currentAccessToken();
        rotateElsewhereAndExpire();
        int mints = alation.mintCount();

        Secret next = fleet.currentAccessToken();

        assertThat(next).isNotEqualTo(first);
        assertThat(alation.mintCount()).isEqualTo(mints + 1);
        assertThat(source.reads).hasValue(2);
        assertThat(alation.requests(FakeAlation.CREATE_ACCESS_TOKEN)).hasSize(3); // the first, refused, sent again
    }

    @Test
    void thirtyTwoThreadsMeetingARefusedMintReadTheStoreOnce() throws Exception {
        Stores.Counting source = new Stores.Counting(store);
        AlationClient fleet = client(source, new Stores.Waits(), Duration.ofSeconds(30));
        fleet.currentAccessToken();
        rotateElsewhereAndExpire();
        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Secret>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return fleet.currentAccessToken();
                }));
            }
            for (Future<Secret> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.reads.get()).isBetween(2, 3);
    }

    @Test
    void anUnchangedStoreFailsAfterTheCredentialWaitNamingTheStoreNeverTheValue() {
        Stores.Waits waits = new Stores.Waits();
        AlationClient fleet = client(CredentialSource.fromFile(store), waits, Duration.ofSeconds(4));
        fleet.currentAccessToken();
        alation.revokeRefreshToken(refresh);
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(fleet::currentAccessToken)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(store.toString())
                .hasMessageNotContaining(refresh.reveal());
        assertThat(waits.total()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aFixedRefreshTokenFailsAtOnce() {
        Stores.Waits waits = new Stores.Waits();
        AlationClient fixed = client(CredentialSource.of(refresh), waits, Duration.ofSeconds(30));
        fixed.currentAccessToken();
        rotateElsewhereAndExpire();

        assertThatThrownBy(fixed::currentAccessToken).isInstanceOf(AuthenticationException.class);
        assertThat(waits.waits).isEmpty();
    }

    @Test
    void anOAuthSecretThatReachesTheStoreLateIsPickedUpWhileWaiting() throws Exception {
        FakeAlation.SeededOAuthClient oauth = alation.addOAuthClient("fleet-client");
        Path secretFile = Stores.write(dir.resolve("client-secret"), Secret.of("not-yet-the-secret"));
        List<Duration> waits = new ArrayList<>();
        AlationClient fleet = AlationClient.builder()
                .baseUrl(alation.baseUrl())
                .oauthClient("fleet-client", CredentialSource.fromFile(secretFile))
                .clock(clock)
                .sleeper(d -> {
                    waits.add(d);
                    if (waits.size() == 2) { // the store catches up while the client waits
                        try {
                            Stores.write(secretFile, oauth.clientSecret());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                })
                .build();
        closeLater.add(fleet);

        assertThat(fleet.currentAccessToken()).isNotNull();
        assertThat(waits).hasSize(2);
        assertThat(alation.oauthMintCount()).isEqualTo(1);
    }
}
