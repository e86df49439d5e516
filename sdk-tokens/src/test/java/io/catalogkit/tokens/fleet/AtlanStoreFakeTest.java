package io.catalogkit.tokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet's Atlan client reads its API key from a store and follows rotations made elsewhere. */
class AtlanStoreFakeTest {
    @TempDir
    Path dir;

    FakeAtlan atlan;
    FakeAtlan.SeededToken admin;
    FakeAtlan.SeededToken worker;
    Path store;
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        atlan = new FakeAtlan().start();
        admin = atlan.addApiToken("rotator");
        worker = atlan.addApiToken("worker", "the fleet's key", Set.of(), 86_400L);
        store = Stores.write(dir.resolve("atlan-api-key"), worker.secret());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        atlan.close();
    }

    AtlanClient client(CredentialSource key, Stores.Waits waits) {
        AtlanClient c = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(key)
                .sleeper(waits)
                .build();
        closeLater.add(c);
        return c;
    }

    /** The rotator, another process in real life, rotates the worker's key into the store. */
    Rotation<ApiToken> rotateElsewhere() {
        AtlanClient rotator = client(CredentialSource.of(admin.secret()), new Stores.Waits());
        return rotator.apiTokens().rotate(worker.guid(), SecretSink.toFile(store));
    }

    long refusals(List<RecordedCall> calls, Secret key) {
        return calls.stream()
                .filter(c -> c.header("Authorization").orElse("").equals("Bearer " + key.reveal()))
                .count();
    }

    @Test
    void aRotationByAnotherClientLosesNoCall() {
        Stores.Counting source = new Stores.Counting(store);
        AtlanClient fleet = client(source, new Stores.Waits());
        assertThat(fleet.apiTokens().list(0, 5).getItems()).isNotEmpty();

        Rotation<ApiToken> r = rotateElsewhere();
        Secret fresh = r.getReplacement().getAccessToken().orElseThrow();
        atlan.clearRequests();

        assertThat(fleet.apiTokens().retrieveByName("rotator")).isPresent();
        assertThat(source.reads).hasValue(2); // the first use, and once after the refusal
        List<RecordedCall> calls = atlan.requests();
        assertThat(calls).hasSize(2);
        assertThat(refusals(calls, worker.secret())).isEqualTo(1);
        assertThat(refusals(calls, fresh)).isEqualTo(1);
    }

    @Test
    void aCreateRefusedForAStaleKeyIsSentOnceMoreAndMakesOneToken() {
        AtlanClient fleet = client(CredentialSource.fromFile(store), new Stores.Waits());
        fleet.apiTokens().list(0, 1);
        rotateElsewhere();
        atlan.clearRequests();

        ApiToken made = fleet.apiTokens().create("made-after-rotation", null, Set.of(), 3600L);

        assertThat(atlan.tokenGuids("made-after-rotation")).containsExactly(made.getGuid());
        assertThat(atlan.requests("/api/service/apikeys"))
                .extracting(RecordedCall::method)
                .containsExactly("POST", "POST");
    }

    @Test
    void thirtyTwoThreadsRefusedTogetherReadTheStoreAtMostTwice() throws Exception {
        Stores.Counting source = new Stores.Counting(store);
        AtlanClient fleet = client(source, new Stores.Waits());
        fleet.apiTokens().list(0, 1);
        rotateElsewhere();
        int before = source.reads.get();

        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return fleet.apiTokens().list(0, 1).getItems().size();
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.reads.get() - before).isBetween(1, 2);
    }

    @Test
    void anUnchangedStoreFailsAfterTheCredentialWaitNamingTheStoreNeverTheValue() throws Exception {
        Stores.Waits waits = new Stores.Waits();
        AtlanClient fleet = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(CredentialSource.fromFile(store))
                .sleeper(waits)
                .credentialWait(Duration.ofSeconds(5))
                .build();
        closeLater.add(fleet);
        fleet.apiTokens().list(0, 1);
        client(CredentialSource.of(admin.secret()), new Stores.Waits())
                .apiTokens()
                .purge(worker.guid());

        assertThatThrownBy(() -> fleet.apiTokens().list(0, 1))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(store.toString())
                .hasMessageContaining("still holds the refused value")
                .hasMessageNotContaining(worker.secret().reveal());
        assertThat(waits.total()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(waits.waits).hasSizeGreaterThan(2); // backing off, not one long wait
        assertThat(atlan.requests("/api/service/apikeys")).hasSize(2); // sent once, refused once
    }

    @Test
    void aFixedKeyFailsAtOnce() {
        Stores.Waits waits = new Stores.Waits();
        AtlanClient fleet = client(CredentialSource.of(worker.secret()), waits);
        fleet.apiTokens().list(0, 1);
        rotateElsewhere();
        atlan.clearRequests();

        assertThatThrownBy(() -> fleet.apiTokens().list(0, 1))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(worker.secret().reveal());
        assertThat(waits.waits).isEmpty();
        assertThat(atlan.requests()).hasSize(1);
    }

    @Test
    void theClientThatRotatesItsOwnKeySwitchesToTheNewOne() {
        AtlanClient self = client(CredentialSource.of(worker.secret()), new Stores.Waits());
        Rotation<ApiToken> r = self.apiTokens().rotate(worker.guid(), SecretSink.toFile(store));
        Secret fresh = r.getReplacement().getAccessToken().orElseThrow();
        atlan.clearRequests();

        assertThat(self.apiTokens().list(0, 5).getItems()).isNotEmpty();
        assertThat(refusals(atlan.requests(), fresh)).isEqualTo(1);
        assertThat(r.getSteps()).anyMatch(s -> s.contains("now uses the replacement's secret"));
    }

    @Test
    void aGracePeriodKeepsTheOldKeyWorkingUntilItEnds() throws Exception {
        Stores.Waits waits = new Stores.Waits();
        AtlanClient rotator = client(CredentialSource.of(admin.secret()), waits);

        Rotation<ApiToken> r =
                rotator.apiTokens().rotate(worker.guid(), SecretSink.toFile(store), Duration.ofMinutes(2));

        assertThat(waits.waits).containsExactly(Duration.ofMinutes(2));
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(atlan.tokenGuids("worker"))
                .containsExactly(r.getReplacement().getGuid());
        assertThat(String.join("\n", r.getSteps())).contains("grace period of 2 min");
        // the sink ran before the wait, the purge after it
        assertThat(Files.readString(store))
                .isEqualTo(r.getReplacement().getAccessToken().orElseThrow().reveal());
    }

    @Test
    void anInterruptDuringTheGraceLeavesTheOldKeyValid() {
        AtlanClient rotator = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(admin.secret())
                .sleeper(d -> {
                    throw new InterruptedException("shutting down");
                })
                .build();
        closeLater.add(rotator);

        Rotation<ApiToken> r =
                rotator.apiTokens().rotate(worker.guid(), SecretSink.toFile(store), Duration.ofMinutes(2));

        assertThat(Thread.interrupted()).isTrue(); // the flag was set again (and is cleared here)
        assertThat(r.isOldRevoked()).isFalse();
        assertThat(atlan.tokenGuids("worker")).hasSize(2);
        assertThat(String.join("\n", r.getSteps()))
                .contains("NOT revoked")
                .contains("apiTokens().purge(\"" + worker.guid() + "\")");
    }

    @Test
    void aNegativeGraceIsRefusedBeforeAnythingIsSent() {
        AtlanClient rotator = client(CredentialSource.of(admin.secret()), new Stores.Waits());
        atlan.clearRequests();
        assertThatThrownBy(() ->
                        rotator.apiTokens().rotate(worker.guid(), SecretSink.toFile(store), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
        assertThat(atlan.requests()).isEmpty();
    }
}
