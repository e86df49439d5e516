package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.Fault;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.FaultOn;
import io.catalogkit.tokens.RecordingSink;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotating a DataHub access token against the fake: every path, and a failure at each step. */
class AccessTokenRotationFakeTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";

    final FakeClock clock = new FakeClock(Instant.parse("2024-11-23T00:00:00Z"));
    final List<AutoCloseable> closeLater = new ArrayList<>();
    FakeDataHub hub;
    Secret adminToken;
    Secret jdoeToken;
    Secret old;
    String oldId;

    @BeforeEach
    void start() {
        hub = new FakeDataHub(clock).start();
        hub.addAdmin(ADMIN).addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
        adminToken = hub.addAccessToken(ADMIN).secret();
        jdoeToken = hub.addAccessToken(JDOE).secret();
        // made by the admin for jdoe's ingestion job
        old = hub.addAccessToken(
                        JDOE,
                        ADMIN,
                        "ingestion",
                        "nightly ingestion",
                        clock.instant(),
                        clock.instant().plus(Duration.ofDays(3)))
                .secret();
        oldId = hub.tokenId(old);
        hub.clearRequests();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        hub.close();
    }

    DataHubClient client(Secret token, OkHttpClient http) {
        DataHubClient.Builder b = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(d -> {});
        if (http != null) {
            b.httpClient(http);
            closeLater.add(FaultOn.closer(http));
        }
        DataHubClient c = b.build();
        closeLater.add(c);
        return c;
    }

    DataHubTokenService admin() {
        return client(adminToken, null).accessTokens();
    }

    DataHubTokenService adminFailingAt(int nth, Fault fault) {
        return client(adminToken, FaultOn.client(hub, nth, fault)).accessTokens();
    }

    boolean works(Secret token) {
        try {
            client(token, null).accessTokens().list(0, 1, JDOE);
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Test
    void anAdminRotatesATokenForTheSameActorAndRevokesTheOldOne() {
        RecordingSink sink = RecordingSink.storing();
        Rotation<AccessToken> r = admin().rotate(oldId, AccessTokenDuration.ONE_MONTH, sink);

        AccessToken replacement = r.getReplacement();
        Secret secret = replacement.getSecret().orElseThrow();
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getOld().getId()).contains(oldId);
        assertThat(replacement.getActor()).contains(JDOE);
        assertThat(replacement.getName()).contains("ingestion");
        assertThat(replacement.getDescription()).contains("nightly ingestion");
        assertThat(replacement.getExpiresAt()).contains(clock.instant().plus(Duration.ofDays(30)));
        assertThat(sink.stored).containsExactly(secret);
        assertThat(hub.tokenIds())
                .doesNotContain(oldId)
                .contains(replacement.getId().orElseThrow());
        List<RecordedCall> calls = hub.requests(FakeDataHub.GRAPHQL_PATH);
        assertThat(calls).hasSize(4);
        assertThat(calls.get(2).header("Authorization")).contains("Bearer " + secret.reveal());
        assertThat(works(secret)).isTrue();
        assertThat(works(old)).isFalse();
        assertThat(r.getSteps())
                .hasSize(5)
                .allSatisfy(s -> assertThat(s).doesNotContain(secret.reveal()).doesNotContain(old.reveal()));
        assertThat(r.getSteps().get(4))
                .isEqualTo("revoked the old access token " + oldId + " ('ingestion', acting as " + JDOE + ")");
    }

    @Test
    void aUserWhoMayNotListEveryTokenRotatesTheirOwn() {
        Secret own = hub.addAccessToken(JDOE, JDOE, "laptop", null, clock.instant(), null)
                .secret();
        hub.clearRequests();

        Rotation<AccessToken> r = client(jdoeToken, null)
                .accessTokens()
                .rotate(hub.tokenId(own), AccessTokenDuration.NO_EXPIRY, RecordingSink.storing());

        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getReplacement().getOwner()).contains(JDOE);
        assertThat(r.getReplacement().getExpiresAt()).isEmpty();
        // the refused list of every token, the own list, create, verify, revoke
        assertThat(hub.requests(FakeDataHub.GRAPHQL_PATH)).hasSize(5);
        assertThat(works(own)).isFalse();
    }

    @Test
    void aTokenTheCallerCannotSeeChangesNothing() {
        assertThatThrownBy(() -> client(jdoeToken, null)
                        .accessTokens()
                        .rotate(oldId, AccessTokenDuration.ONE_DAY, RecordingSink.storing()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("those owned by " + JDOE)
                .hasMessageContaining("nothing was changed");
        assertThat(works(old)).isTrue();
    }

    @ParameterizedTest(name = "request {0} fails")
    @ValueSource(ints = {1, 2})
    void aFailureBeforeTheReplacementExistsLeavesEverythingAsItWas(int nth) {
        int before = hub.tokenIds().size();
        assertThatThrownBy(() -> adminFailingAt(nth, Fault.status(401))
                        .rotate(oldId, AccessTokenDuration.ONE_MONTH, RecordingSink.storing()))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasCauseInstanceOf(AuthenticationException.class)
                .hasMessageContaining(nth == 1 ? "looking up the old token" : "creating the replacement")
                .hasMessageContaining("nothing was changed");
        assertThat(hub.tokenIds()).hasSize(before);
        assertThat(works(old)).isTrue();
    }

    @Test
    void aCreateThatMayHaveHappenedSaysWhereToLook() {
        assertThatThrownBy(() -> adminFailingAt(2, Fault.disconnect().afterHandling())
                        .rotate(oldId, AccessTokenDuration.ONE_MONTH, RecordingSink.storing()))
                .isInstanceOf(RotationException.class)
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("may have been created anyway")
                .hasMessageContaining("List the tokens of " + JDOE + " named 'ingestion'");
    }

    @Test
    void aReplacementWhoseSecretIsRefusedIsRevokedAgain() {
        int before = hub.tokenIds().size();
        RecordingSink sink = RecordingSink.storing();
        assertThatThrownBy(
                        () -> adminFailingAt(3, Fault.status(401)).rotate(oldId, AccessTokenDuration.ONE_MONTH, sink))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasMessageContaining("verifying the replacement's secret failed")
                .hasMessageContaining("was removed again and the old token is untouched");
        assertThat(hub.tokenIds()).hasSize(before).contains(oldId);
        assertThat(sink.stored).isEmpty();
    }

    @Test
    void aSinkThatFailsLeavesTheOldToken() {
        int before = hub.tokenIds().size();
        assertThatThrownBy(() ->
                        admin().rotate(oldId, AccessTokenDuration.ONE_MONTH, RecordingSink.failingAfter(() -> {})))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("eyJ");
                })
                .hasMessageContaining("storing the replacement's secret in the sink failed");
        assertThat(hub.tokenIds()).hasSize(before).contains(oldId);
        assertThat(works(old)).isTrue();
    }

    @Test
    void whenRevokingTheReplacementFailsTooTheMessageSaysSo() {
        RecordingSink sink = RecordingSink.failingAfter(() -> hub.failNext(1, Fault.status(403)));
        assertThatThrownBy(() -> admin().rotate(oldId, AccessTokenDuration.ONE_MONTH, sink))
                .isInstanceOf(RotationException.class)
                .hasMessageContaining("failed too")
                .hasMessageContaining("remove it by hand");
    }

    @Test
    void aRevokeOfTheOldTokenThatFailsAfterTheSinkIsReportedNotThrown() {
        RecordingSink sink = RecordingSink.storingAfter(() -> hub.failNext(1, Fault.status(403)));
        Rotation<AccessToken> r = admin().rotate(oldId, AccessTokenDuration.ONE_MONTH, sink);

        assertThat(r.isOldRevoked()).isFalse();
        assertThat(sink.stored).hasSize(1);
        assertThat(r.getSteps().get(r.getSteps().size() - 1))
                .contains("both tokens work now")
                .contains("accessTokens().revoke(\"" + oldId + "\")");
        assertThat(works(old)).isTrue();
    }

    @Test
    void anOldTokenGoneMeanwhileCountsAsRevoked() {
        RecordingSink sink = RecordingSink.storingAfter(() -> admin().revoke(oldId));
        Rotation<AccessToken> r = admin().rotate(oldId, AccessTokenDuration.ONE_MONTH, sink);
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getSteps().get(r.getSteps().size() - 1)).contains("was gone already");
    }

    @Test
    void serverErrorsInTheAnswerAreApiExceptions() {
        assertThatThrownBy(() -> adminFailingAt(1, Fault.status(400))
                        .rotate(oldId, AccessTokenDuration.ONE_MONTH, RecordingSink.storing()))
                .hasCauseInstanceOf(ApiException.class);
    }
}
