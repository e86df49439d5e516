package io.catalogkit.tokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
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

/** A fleet's DataHub client reads its token from a store and follows rotations made elsewhere. */
class DataHubStoreFakeTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JOB = "urn:li:corpuser:ingest";

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T00:00:00Z"));
    FakeDataHub hub;
    Secret admin;
    FakeDataHub.SeededAccessToken worker;
    Path store;
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        hub = new FakeDataHub(clock).start();
        hub.addAdmin(ADMIN).addUser(JOB, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
        admin = hub.addAccessToken(ADMIN).secret();
        worker = hub.addAccessToken(
                JOB, JOB, "ingestion", null, clock.instant(), clock.instant().plus(Duration.ofDays(30)));
        store = Stores.write(dir.resolve("datahub-token"), worker.secret());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        hub.close();
    }

    DataHubClient client(CredentialSource token, Stores.Waits waits, Duration wait) {
        DataHubClient c = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(waits)
                .credentialWait(wait)
                .build();
        closeLater.add(c);
        return c;
    }

    Rotation<AccessToken> rotateElsewhere() {
        return client(CredentialSource.of(admin), new Stores.Waits(), Duration.ZERO)
                .accessTokens()
                .rotate(worker.id(), AccessTokenDuration.ONE_MONTH, SecretSink.toFile(store));
    }

    int jobTokensAsAdminSees() {
        return client(CredentialSource.of(admin), new Stores.Waits(), Duration.ZERO)
                .accessTokens()
                .list(0, 5, JOB)
                .getTotal();
    }

    @Test
    void aRotationByAnotherClientLosesNoCall() {
        Stores.Counting source = new Stores.Counting(store);
        DataHubClient fleet = client(source, new Stores.Waits(), Duration.ofSeconds(30));
        fleet.accessTokens().list(0, 5, JOB);
        rotateElsewhere();
        int expected = jobTokensAsAdminSees();
        hub.clearRequests();

        assertThat(fleet.accessTokens().list(0, 5, JOB).getTotal()).isEqualTo(expected);
        assertThat(source.reads).hasValue(2);
        assertThat(hub.requests()).hasSize(2);
    }

    @Test
    void aCreateRefusedForAStaleTokenIsSentOnceMoreAndMakesOneToken() {
        DataHubClient fleet = client(CredentialSource.fromFile(store), new Stores.Waits(), Duration.ofSeconds(30));
        fleet.accessTokens().list(0, 1, JOB);
        rotateElsewhere();
        int before = hub.tokenIds().size();
        hub.clearRequests();

        AccessToken made = fleet.accessTokens().create(JOB, AccessTokenDuration.ONE_DAY, "after-rotation", null);

        assertThat(hub.tokenIds()).hasSize(before + 1).contains(made.getId().orElseThrow());
        assertThat(hub.requests()).hasSize(2);
    }

    @Test
    void thirtyTwoThreadsRefusedTogetherReadTheStoreAtMostTwice() throws Exception {
        Stores.Counting source = new Stores.Counting(store);
        DataHubClient fleet = client(source, new Stores.Waits(), Duration.ofSeconds(30));
        fleet.accessTokens().list(0, 1, JOB);
        rotateElsewhere();
        int before = source.reads.get();
        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int expected = jobTokensAsAdminSees();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return fleet.accessTokens().list(0, 5, JOB).getTotal();
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.reads.get() - before).isBetween(1, 2);
    }

    @Test
    void anUnchangedStoreFailsAfterTheCredentialWaitNamingTheStoreNeverTheValue() {
        Stores.Waits waits = new Stores.Waits();
        DataHubClient fleet = client(CredentialSource.fromFile(store), waits, Duration.ofSeconds(3));
        fleet.accessTokens().list(0, 1, JOB);
        client(CredentialSource.of(admin), new Stores.Waits(), Duration.ZERO)
                .accessTokens()
                .revoke(worker.id());

        assertThatThrownBy(() -> fleet.accessTokens().list(0, 1, JOB))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(store.toString())
                .hasMessageNotContaining(worker.secret().reveal());
        assertThat(waits.total()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aFixedTokenFailsAtOnceAndTheRotatingClientSwitchesItself() {
        Stores.Waits waits = new Stores.Waits();
        DataHubClient fixed = client(CredentialSource.of(worker.secret()), waits, Duration.ofSeconds(30));
        DataHubClient self = client(CredentialSource.of(worker.secret()), new Stores.Waits(), Duration.ofSeconds(30));
        fixed.accessTokens().list(0, 1, JOB);

        Rotation<AccessToken> r =
                self.accessTokens().rotate(worker.id(), AccessTokenDuration.ONE_MONTH, SecretSink.toFile(store));

        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getSteps()).anyMatch(s -> s.contains("now uses the replacement's secret"));
        assertThat(self.accessTokens().list(0, 5, JOB).getTotal()).isEqualTo(jobTokensAsAdminSees());
        hub.clearRequests();
        assertThatThrownBy(() -> fixed.accessTokens().list(0, 1, JOB)).isInstanceOf(AuthenticationException.class);
        assertThat(waits.waits).isEmpty();
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    void aGracePeriodKeepsTheOldTokenWorkingUntilItEnds() {
        Stores.Waits waits = new Stores.Waits();
        DataHubClient rotator = client(CredentialSource.of(admin), waits, Duration.ZERO);

        Rotation<AccessToken> r = rotator.accessTokens()
                .rotate(worker.id(), AccessTokenDuration.ONE_MONTH, SecretSink.toFile(store), Duration.ofSeconds(90));

        assertThat(waits.waits).containsExactly(Duration.ofSeconds(90));
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(hub.tokenIds()).doesNotContain(worker.id());
        assertThat(String.join("\n", r.getSteps())).contains("grace period of 90 s");
    }
}
