package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.Fault;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.FaultOn;
import io.catalogkit.tokens.RecordingSink;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotating an Atlan API token against the fake: every path, and a failure at each step. */
class ApiTokenRotationFakeTest {
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final String COLL = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";
    static final Secret JDOE = Secret.of("jdoe-bearer-value-0001");
    static final Secret MALLORY = Secret.of("mallory-bearer-value-0002");
    static final long THIRTY_DAYS = 2_592_000L;

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    final List<AutoCloseable> closeLater = new ArrayList<>();
    FakeAtlan atlan;
    FakeAtlan.SeededToken admin;
    FakeAtlan.SeededToken old;

    @BeforeEach
    void setUp() {
        atlan = new FakeAtlan(clock).start();
        atlan.addUser("jdoe", JDOE.reveal())
                .addUser("mallory", MALLORY.reveal())
                .addPersona(P1, "Data Engineers");
        admin = atlan.addApiToken("catalogkit-admin");
        old = atlan.addApiToken("nightly-sync", "dbt nightly job", Set.of(P1), THIRTY_DAYS);
        atlan.addAsset(CONN, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONN, "jdoe", old.username())
                .allowWrite(CONN, "jdoe")
                .allowRead(CONN, admin.username(), "mallory")
                .addAsset(COLL, "Collection", "default/collection/jdoe/5b1e0c7a", "queries")
                .setAdminUsers(COLL, "jdoe")
                .setViewerUsers(COLL, "analyst1", old.username())
                .allowWrite(COLL, "jdoe")
                .allowRead(COLL, admin.username(), "mallory");
        atlan.clearRequests();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        atlan.close();
    }

    AtlanClient client(OkHttpClient http) {
        AtlanClient.Builder b = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(admin.secret())
                .clock(clock)
                .sleeper(d -> {});
        if (http != null) {
            b.httpClient(http);
            closeLater.add(FaultOn.closer(http));
        }
        AtlanClient c = b.build();
        closeLater.add(c);
        return c;
    }

    /** A client whose nth request the fake fails. */
    AtlanClient failingAt(int nth, Fault fault) {
        return client(FaultOn.client(atlan, nth, fault));
    }

    boolean works(Secret key) {
        try {
            AtlanClient as =
                    AtlanClient.builder().baseUrl(atlan.baseUrl()).apiKey(key).build();
            closeLater.add(as);
            as.apiTokens().list(0, 1);
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Test
    void rotationReplacesThePurgedTokenWithAnEqualOneAndReportsItsAssets() {
        RecordingSink sink = RecordingSink.storing();
        Rotation<ApiToken> r = client(null).apiTokens().rotate(old.guid(), sink);

        ApiToken replacement = r.getReplacement();
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getOld().getGuid()).isEqualTo(old.guid());
        assertThat(replacement.getGuid()).isNotEqualTo(old.guid());
        assertThat(replacement.getDisplayName()).isEqualTo("nightly-sync");
        assertThat(replacement.getDescription()).contains("dbt nightly job");
        assertThat(replacement.getPersonaQualifiedNames()).containsExactly(P1);
        assertThat(replacement.getValiditySeconds()).contains(THIRTY_DAYS);
        Secret secret = replacement.getAccessToken().orElseThrow();
        assertThat(sink.stored).containsExactly(secret);
        assertThat(atlan.tokenGuids("nightly-sync")).containsExactly(replacement.getGuid());
        assertThat(works(secret)).isTrue();
        assertThat(works(old.secret())).isFalse();

        // Verified with a call made with the new secret, before the sink, and purged the old after it.
        List<RecordedCall> calls = atlan.requests();
        assertThat(calls.stream().map(c -> c.method() + " " + c.path()).toList())
                .startsWith(
                        "GET /api/service/apikeys",
                        "POST /api/meta/search/indexsearch",
                        "POST /api/service/apikeys",
                        "GET /api/service/apikeys",
                        "GET /api/service/users/current", // is this client the old token? (it is not)
                        "DELETE /api/service/apikeys/" + old.guid());
        assertThat(calls.get(3).header("Authorization")).contains("Bearer " + secret.reveal());

        assertThat(String.join("\n", r.getSteps()))
                .contains("admin of Connection 'prod-snowflake' (" + CONN + ")")
                .contains("viewer of Collection 'queries' (" + COLL + ")")
                .contains("did not grant")
                .contains("revoked the old API token " + old.guid())
                .doesNotContain(secret.reveal())
                .doesNotContain(old.secret().reveal());
        assertThat(r.toString()).doesNotContain(secret.reveal());
    }

    @Test
    void withAnImpersonationTokenTheReplacementGetsTheOldTokensAssets() {
        Rotation<ApiToken> r = client(null).apiTokens().rotate(old.guid(), RecordingSink.storing(), JDOE);

        String user = r.getReplacement().getServiceAccountUsername();
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", old.username(), user);
        assertThat(atlan.viewerUsers(COLL)).containsExactly("analyst1", old.username(), user);
        assertThat(atlan.adminUsers(COLL)).containsExactly("jdoe");
        assertThat(r.getSteps())
                .contains("made the replacement an admin of Connection 'prod-snowflake' (" + CONN + ")")
                .contains("made the replacement a viewer of Collection 'queries' (" + COLL + ")");
        assertThat(r.getSteps().get(r.getSteps().size() - 1)).contains("keeps " + old.username());
        // The assets were found with the impersonation token.
        assertThat(atlan.requests("/api/meta/search/indexsearch").get(0).header("Authorization"))
                .contains("Bearer " + JDOE.reveal());
    }

    @Test
    void serverTextInTheStepsIsEscaped() {
        String forged = "ops\n[ERROR] forged line \u001b[31m\u202e";
        atlan.addAsset("c-forged", "Connection", "default/snowflake/forged", forged)
                .setAdminUsers("c-forged", "jdoe", old.username())
                .allowWrite("c-forged", "jdoe")
                .allowRead("c-forged", admin.username());

        Rotation<ApiToken> r = client(null).apiTokens().rotate(old.guid(), RecordingSink.storing(), JDOE);

        assertThat(r.getSteps()).anyMatch(step -> step.contains("ops\\n[ERROR] forged line"));
        assertThat(r.getSteps())
                .allMatch(step -> step.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202e));
    }

    @Test
    void anUnknownGuidChangesNothing() {
        assertThatThrownBy(() -> client(null).apiTokens().rotate("no-such-guid", RecordingSink.storing()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nothing was changed");
        assertThat(atlan.tokenCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "request {0} fails")
    @ValueSource(ints = {1, 2, 3})
    void aFailureBeforeTheReplacementExistsLeavesEverythingAsItWas(int nth) {
        AtlanClient client = failingAt(nth, Fault.status(403));
        RecordingSink sink = RecordingSink.storing();

        assertThatThrownBy(() -> client.apiTokens().rotate(old.guid(), sink))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isTrue();
                    assertThat(e.getValidSecret()).isEmpty();
                    assertThat(e.getCause()).isInstanceOf(PermissionDeniedException.class);
                })
                .hasMessageContaining("nothing was changed: the old token is untouched")
                .hasMessageContaining(
                        nth == 1 ? "reading the old token" : nth == 2 ? "finding the assets" : "creating");
        assertThat(atlan.tokenCount()).isEqualTo(2);
        assertThat(sink.stored).isEmpty();
        assertThat(works(old.secret())).isTrue();
    }

    @Test
    void aCreateThatMayHaveHappenedSaysWhereToLook() {
        AtlanClient client = failingAt(3, Fault.disconnect().afterHandling());

        assertThatThrownBy(() -> client.apiTokens().rotate(old.guid(), RecordingSink.storing()))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("may have been created anyway")
                .hasMessageContaining("List the tokens named 'nightly-sync' and purge any but " + old.guid());
        assertThat(atlan.tokenGuids("nightly-sync")).hasSize(2).contains(old.guid());
    }

    @Test
    void aReplacementWhoseSecretIsRefusedIsPurgedAgain() {
        AtlanClient client = failingAt(4, Fault.status(401));
        RecordingSink sink = RecordingSink.storing();

        assertThatThrownBy(() -> client.apiTokens().rotate(old.guid(), sink))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isTrue();
                    assertThat(e.getSteps()).anyMatch(s -> s.startsWith("created the replacement"));
                    assertThat(e.getSteps()).anyMatch(s -> s.startsWith("removed the replacement"));
                })
                .hasCauseInstanceOf(AuthenticationException.class)
                .hasMessageContaining("verifying the replacement's secret failed")
                .hasMessageContaining("was removed again and the old token is untouched");
        assertThat(atlan.tokenGuids("nightly-sync")).containsExactly(old.guid());
        assertThat(sink.stored).isEmpty();
    }

    @Test
    void aGrantTheImpersonationTokenMayNotMakeRemovesTheReplacement() {
        // mallory can see both assets but may change neither: the first save (in GUID order) is refused.
        assertThatThrownBy(() -> client(null).apiTokens().rotate(old.guid(), RecordingSink.storing(), MALLORY))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasCauseInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("making the replacement a viewer of Collection 'queries'")
                .hasMessageContaining("was removed again");
        assertThat(atlan.tokenGuids("nightly-sync")).containsExactly(old.guid());
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", old.username());
    }

    @Test
    void aSinkThatFailsLeavesTheOldTokenAndNoSecretInTheMessage() {
        RecordingSink sink = RecordingSink.failingAfter(() -> {});

        assertThatThrownBy(() -> client(null).apiTokens().rotate(old.guid(), sink))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("eyJ");
                    assertThat(String.join(" ", e.getSteps())).doesNotContain("eyJ");
                    // the sink's own exception quoted the secret: the cause is a redacted copy
                    assertThat(e.getCause().getMessage())
                            .startsWith("IOException: vault unreachable while writing Secret[redacted]")
                            .doesNotContain("eyJ");
                    assertThat(e.getCause().getStackTrace()).isNotEmpty();
                })
                .hasMessageContaining("storing the replacement's secret in the sink failed")
                .hasMessageContaining("vault unreachable while writing Secret[redacted]")
                .hasMessageContaining("was removed again and the old token is untouched");
        assertThat(atlan.tokenGuids("nightly-sync")).containsExactly(old.guid());
        assertThat(works(old.secret())).isTrue();
    }

    @Test
    void whenRemovingTheReplacementFailsTooTheMessageSaysSo() {
        RecordingSink sink = RecordingSink.failingAfter(() -> atlan.failNext(1, Fault.status(403)));

        assertThatThrownBy(() -> client(null).apiTokens().rotate(old.guid(), sink))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isTrue();
                    assertThat(e.getCause().getSuppressed()).hasSize(1);
                })
                .hasMessageContaining("removing the replacement API token")
                .hasMessageContaining("failed too")
                .hasMessageContaining("remove it by hand");
        assertThat(atlan.tokenGuids("nightly-sync")).hasSize(2);
    }

    @Test
    void aPurgeOfTheOldTokenThatFailsAfterTheSinkIsReportedNotThrown() {
        // the two calls after the sink: whom the client's key belongs to, and the purge
        RecordingSink sink = RecordingSink.storingAfter(() -> atlan.failNext(2, Fault.status(403)));

        Rotation<ApiToken> r = client(null).apiTokens().rotate(old.guid(), sink);

        assertThat(r.isOldRevoked()).isFalse();
        assertThat(sink.stored)
                .containsExactly(r.getReplacement().getAccessToken().orElseThrow());
        assertThat(r.getSteps().get(r.getSteps().size() - 2))
                .contains("revoking the old API token " + old.guid())
                .contains("both tokens work now")
                .contains("apiTokens().purge(\"" + old.guid() + "\")");
        assertThat(works(old.secret())).isTrue();
        assertThat(atlan.tokenGuids("nightly-sync")).hasSize(2);
    }
}
