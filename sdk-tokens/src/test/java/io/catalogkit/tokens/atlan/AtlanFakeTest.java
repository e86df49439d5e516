package io.catalogkit.tokens.atlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.Fault;
import io.catalogkit.testing.RecordedCall;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the stateful fake: behaviour end to end. */
class AtlanFakeTest {
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";
    static final String P3 = "default/Zz9yXw8VuT7sRq6PoN5mLk";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final String COLL = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";
    static final String JDOE_BEARER = "jdoe-bearer-value-0001";
    static final String MALLORY_BEARER = "mallory-bearer-value-0002";

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    FakeAtlan atlan;
    FakeAtlan.SeededToken admin;
    AtlanClient client;
    ApiTokenService tokens;
    final List<AtlanClient> extraClients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        atlan = (https() ? new FakeAtlan(clock).https() : new FakeAtlan(clock)).start();
        atlan.addUser("jdoe", JDOE_BEARER)
                .addUser("mallory", MALLORY_BEARER)
                .addPersona(P1, "Data Engineers")
                .addPersona(P2, "Analysts")
                .addPersona(P3, "Stewards")
                .addAsset(CONN, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONN, "jdoe", "former-admin")
                .allowWrite(CONN, "jdoe")
                .allowRead(CONN, "mallory")
                .addAsset(COLL, "Collection", "default/collection/jdoe/5b1e0c7a", "queries")
                .setAdminUsers(COLL, "jdoe")
                .setViewerUsers(COLL, "analyst1")
                .allowWrite(COLL, "jdoe");
        admin = atlan.addApiToken("catalogkit-admin");
        client = clientWith(admin.secret());
        tokens = client.apiTokens();
        atlan.clearRequests();
    }

    @AfterEach
    void tearDown() {
        client.close();
        extraClients.forEach(AtlanClient::close);
        atlan.close();
    }

    /** Whether the fake serves HTTPS; {@link AtlanHttpsTest} runs this suite over TLS. */
    boolean https() {
        return false;
    }

    AtlanClient clientWith(Secret key) {
        AtlanClient.Builder b = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(key)
                .clock(clock)
                .sleeper(d -> {});
        if (https()) {
            b.httpClient(atlan.httpClient());
        }
        AtlanClient c = b.build();
        extraClients.add(c);
        return c;
    }

    List<RecordedCall> calls(String method, String path) {
        return atlan.requests(path).stream()
                .filter(c -> c.method().equals(method))
                .toList();
    }

    // ------------------------------------------------------------------ the life of a token

    @Test
    void createLookUpThreeWaysListAndPurge() {
        ApiToken created = tokens.create("nightly-sync", "dbt", new LinkedHashSet<>(List.of(P1, P2)), null);
        assertThat(created.getAccessToken()).isPresent();
        assertThat(created.getCreatedBy()).contains(admin.username());
        assertThat(created.getValiditySeconds()).contains(157_680_000L);
        assertThat(created.getCreatedAt()).contains(clock.instant());
        assertThat(created.getExpiresAt()).contains(clock.instant().plusSeconds(157_680_000L));
        assertThat(created.getPersonaNames())
                .containsEntry(P1, "Data Engineers")
                .containsEntry(P2, "Analysts");

        ApiToken byName = tokens.retrieveByName("nightly-sync").orElseThrow();
        ApiToken byId = tokens.getById(created.getClientId()).orElseThrow();
        ApiToken bySa = tokens.getById(created.getServiceAccountUsername()).orElseThrow();
        ApiToken byGuid = tokens.getByGuid(created.getGuid()).orElseThrow();
        for (ApiToken t : List.of(byName, byId, bySa, byGuid)) {
            assertThat(t).isEqualTo(created.toBuilder().accessToken(null).build());
            assertThat(t.getAccessToken()).as("the secret never comes back").isEmpty();
        }
        assertThat(calls("GET", "/api/service/apikeys")).hasSize(4);
        assertThat(calls("GET", "/api/service/apikeys"))
                .allSatisfy(
                        c -> assertThat(c.queryNames()).containsExactly("limit", "offset", "sort", "count", "filter"));

        assertThat(tokens.list(0, 10).autoPager().map(ApiToken::getDisplayName))
                .containsExactly("nightly-sync", "catalogkit-admin");

        tokens.purge(created.getGuid());
        assertThat(calls("DELETE", "/api/service/apikeys/" + created.getGuid())).hasSize(1);
        assertThat(tokens.getByGuid(created.getGuid())).isEmpty();
        assertThat(tokens.retrieveByName("nightly-sync")).isEmpty();
        assertThat(tokens.getById(created.getClientId())).isEmpty();
        AtlanClient asPurged = clientWith(created.getAccessToken().orElseThrow());
        assertThatThrownBy(() -> asPurged.apiTokens().list(0, 1)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theNewTokensSecretWorksAsABearer() {
        ApiToken created = tokens.create("worker", null, null, 3600L);
        AtlanClient asWorker = clientWith(created.getAccessToken().orElseThrow());
        assertThat(asWorker.apiTokens().getByGuid(created.getGuid())).isPresent();
        RecordedCall last = atlan.requests().get(atlan.requests().size() - 1);
        assertThat(last.header("Authorization"))
                .contains("Bearer " + created.getAccessToken().get().reveal());
        assertThat(last.header("X-Atlan-Request-Id")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nightly sync",
                "with \"double\" and 'single' quotes",
                "ünïcødé 日本語 🚀",
                "a&b=c?d#e+f%20g/h\\i",
                "  leading and trailing  ",
                "{\"displayName\":\"injected\"}"
            })
    void namesNeedingUrlEncodingAreFoundExactly(String name) {
        ApiToken created = tokens.create(name, "", Set.of(), null);
        tokens.create(name.trim() + "x", "", Set.of(), null);
        assertThat(created.getDisplayName()).isEqualTo(name);
        assertThat(tokens.retrieveByName(name).map(ApiToken::getGuid)).contains(created.getGuid());
        RecordedCall lookup = calls("GET", "/api/service/apikeys").get(0);
        assertThat(lookup.query("filter")).isPresent();
    }

    @Test
    void duplicateNamesAreReportedNotResolved() {
        ApiToken first = tokens.create("shared", "", Set.of(), null);
        clock.advance(java.time.Duration.ofSeconds(1));
        ApiToken second = tokens.create("shared", "", Set.of(), null);
        assertThatThrownBy(() -> tokens.retrieveByName("shared"))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining(first.getGuid())
                .hasMessageContaining(second.getGuid());
        assertThat(calls("GET", "/api/service/apikeys")).hasSize(1);
        assertThat(tokens.getByGuid(first.getGuid())).isPresent();
    }

    @Test
    void listAutoPagerWalksEveryPageLazily() {
        for (int i = 0; i < 7; i++) {
            atlan.addApiToken("bulk-" + i);
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        atlan.clearRequests();
        Page<ApiToken> first = tokens.list(0, 3);
        assertThat(first.getTotal()).isEqualTo(8);
        assertThat(first.getItems()).extracting(ApiToken::getDisplayName).containsExactly("bulk-6", "bulk-5", "bulk-4");
        assertThat(atlan.requests()).hasSize(1);
        assertThat(first.autoPager().limit(4).count()).isEqualTo(4);
        assertThat(atlan.requests()).as("only as far as the stream went").hasSize(2);
        atlan.clearRequests();
        assertThat(first.autoPager().count()).isEqualTo(8);
        assertThat(atlan.requests())
                .extracting(c -> c.query("offset").orElseThrow())
                .containsExactly("3", "6");
    }

    @Test
    void listWalksEveryPageWhenTheServerDoesNotCount() {
        for (int i = 0; i < 5; i++) {
            atlan.addApiToken("bulk-" + i);
        }
        atlan.omitCounts(true);
        assertThat(tokens.list(0, 2).autoPager().count()).isEqualTo(6);
        assertThat(tokens.list(0, 3).autoPager().count()).isEqualTo(6);
    }

    // ------------------------------------------------------------------ encodings

    static Stream<Arguments> encodings() {
        List<Arguments> out = new ArrayList<>();
        for (FakeAtlan.PersonaEncoding e : FakeAtlan.PersonaEncoding.values()) {
            for (boolean strings : new boolean[] {true, false}) {
                out.add(Arguments.of(e, strings, !strings, strings));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void everyAnswerEncodingReadsTheSame(
            FakeAtlan.PersonaEncoding personas, boolean numbersAsStrings, boolean deprecated, boolean noTopLevel) {
        ApiToken created = tokens.create("enc", "d", new LinkedHashSet<>(List.of(P1, P2)), 3600L);
        atlan.personaEncoding(personas)
                .numbersAsStrings(numbersAsStrings)
                .deprecatedPersonas(deprecated)
                .omitTopLevelNames(noTopLevel);
        ApiToken read = tokens.getByGuid(created.getGuid()).orElseThrow();
        assertThat(read).isEqualTo(created.toBuilder().accessToken(null).build());
        assertThat(read.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(read.getValiditySeconds()).contains(3600L);
        ApiToken updated = tokens.linkPersonas(created.getGuid(), Set.of(P3));
        assertThat(updated.getPersonaQualifiedNames()).containsExactly(P1, P2, P3);
    }

    // ------------------------------------------------------------------ personas

    @Test
    void linkThenUnlinkKeepsTheOtherPersonas() {
        ApiToken t = tokens.create("p", "keep", new LinkedHashSet<>(List.of(P1, P2)), null);
        assertThat(tokens.linkPersonas(t.getGuid(), Set.of(P3)).getPersonaQualifiedNames())
                .containsExactly(P1, P2, P3);
        assertThat(tokens.unlinkPersonas(t.getGuid(), Set.of(P1)).getPersonaQualifiedNames())
                .containsExactly(P2, P3);
        assertThat(atlan.personasOf(t.getGuid())).contains(List.of(P2, P3));
        assertThat(tokens.getByGuid(t.getGuid()).orElseThrow().getDescription()).contains("keep");
    }

    @Test
    void updateWithNullsKeepsPersonasAndDescriptionAndAnEmptySetUnlinksAll() {
        ApiToken t = tokens.create("p", "keep", new LinkedHashSet<>(List.of(P1, P2)), null);
        ApiToken renamed = tokens.update(t.getGuid(), "renamed", null, null);
        assertThat(renamed.getDisplayName()).isEqualTo("renamed");
        assertThat(renamed.getDescription()).contains("keep");
        assertThat(renamed.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(atlan.personasOf(t.getGuid())).contains(List.of(P1, P2));

        ApiToken described = tokens.update(t.getGuid(), null, "new description", null);
        assertThat(described.getDisplayName()).isEqualTo("renamed");
        assertThat(described.getPersonaQualifiedNames()).containsExactly(P1, P2);

        ApiToken none = tokens.update(t.getGuid(), null, null, Set.of());
        assertThat(none.getPersonaQualifiedNames()).isEmpty();
        assertThat(atlan.personasOf(t.getGuid())).contains(List.of());
        assertThat(none.getValiditySeconds()).contains(157_680_000L);
    }

    @Test
    void updateReturnsTheNewStateWhenTheServerLags() {
        ApiToken t = tokens.create("lag", "", Set.of(P1), null);
        atlan.updateLag(true);
        atlan.clearRequests();
        ApiToken updated = tokens.linkPersonas(t.getGuid(), Set.of(P2));
        assertThat(updated.getPersonaQualifiedNames()).containsExactly(P1, P2);
        assertThat(atlan.requests()).extracting(RecordedCall::method).containsExactly("GET", "POST", "GET");
    }

    @Test
    void anUnknownPersonaIsRefusedWith400AndNothingChanges() {
        ApiToken t = tokens.create("p", "", Set.of(P1), null);
        assertThatThrownBy(() -> tokens.linkPersonas(t.getGuid(), Set.of("default/missing")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).contains("ATLAS-400-00-08A");
                })
                .hasMessageStartingWith("Atlan link personas to API token failed")
                .hasMessageContaining("default/missing")
                .hasMessageContaining("persona qualified name exists");
        assertThat(atlan.personasOf(t.getGuid())).contains(List.of(P1));
        assertThatThrownBy(() -> tokens.create("q", "", Set.of("default/missing"), null))
                .isInstanceOf(ApiException.class);
        assertThat(atlan.tokenGuids("q")).isEmpty();
    }

    @Test
    void updatingAnUnknownTokenIsNotFound() {
        assertThatThrownBy(() -> tokens.update("no-such-guid", "x", "", Set.of()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tokens.update("no-such-guid", "x", null, null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-guid");
    }

    // ------------------------------------------------------------------ failures around create and purge

    @Test
    void aCreateAnswered429IsRetriedAfterTheServersDelayAndMakesOneToken() {
        List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtlanClient.Builder b = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(admin.secret())
                .clock(clock)
                .sleeper(sleeps::add);
        if (https()) {
            b.httpClient(atlan.httpClient());
        }
        AtlanClient c = b.build();
        extraClients.add(c);
        atlan.failNext(1, Fault.status(429, "2"));
        ApiToken made = c.apiTokens().create("limited", "", Set.of(), null);
        assertThat(atlan.tokenGuids("limited")).containsExactly(made.getGuid());
        assertThat(calls("POST", "/api/service/apikeys")).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void createIsNeverReplayedWhenTheServerMadeItButAnswered503() {
        atlan.failNext(1, Fault.status(503).afterHandling());
        assertThatThrownBy(() -> tokens.create("ambiguous", "", Set.of(), null))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("look the token up by name");
        assertThat(calls("POST", "/api/service/apikeys")).hasSize(1);
        assertThat(atlan.tokenGuids("ambiguous")).hasSize(1);
        assertThat(tokens.retrieveByName("ambiguous")).isPresent();
    }

    @Test
    void createIsNeverReplayedAfterADisconnectOnceHandled() {
        atlan.failNext(1, Fault.disconnect().afterHandling());
        assertThatThrownBy(() -> tokens.create("ambiguous", "", Set.of(), null))
                .isInstanceOfSatisfying(
                        TransportException.class,
                        e -> assertThat(e.mayHaveReachedServer()).isTrue())
                .hasMessageContaining("retrieveByName");
        assertThat(calls("POST", "/api/service/apikeys")).hasSize(1);
        assertThat(atlan.tokenGuids("ambiguous")).hasSize(1);
    }

    @Test
    void aPurgeRetriedAfterTheDeleteHappenedIsDone() {
        ApiToken t = tokens.create("gone", "", Set.of(), null);
        // the delete happened and its answer was lost: the replay's 404 means done
        atlan.failNext(1, Fault.disconnect().afterHandling());
        tokens.purge(t.getGuid());
        assertThat(calls("DELETE", "/api/service/apikeys/" + t.getGuid())).hasSize(2);
        assertThat(tokens.getByGuid(t.getGuid())).isEmpty();
        assertThatThrownBy(() -> tokens.purge(t.getGuid())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void lookupsAreRetriedThroughA429() {
        atlan.failNext(1, Fault.status(429, "1"));
        assertThat(tokens.retrieveByName("catalogkit-admin")).isPresent();
        assertThat(calls("GET", "/api/service/apikeys")).hasSize(2);
    }

    // ------------------------------------------------------------------ validity against the 32-bit expiry

    @Test
    void neverExpiringTokensCreatedAfter2033StillWork() {
        clock.set(Instant.parse("2034-01-01T00:00:00Z"));
        // The admin token seeded in 2026 has expired by now: the fake honours expiry.
        assertThatThrownBy(() -> tokens.list(0, 1)).isInstanceOf(AuthenticationException.class);
        tokens = clientWith(Secret.of(JDOE_BEARER)).apiTokens();
        ApiToken t = tokens.create("late", "", Set.of(), null);
        assertThat(t.getValiditySeconds()).contains(127_793_647L);
        assertThat(t.getExpiresAt()).contains(Instant.parse("2038-01-19T02:14:07Z"));
        AtlanClient asLate = clientWith(t.getAccessToken().orElseThrow());
        assertThat(asLate.apiTokens().getByGuid(t.getGuid())).isPresent();

        ApiToken clamped = tokens.create("clamped", "", Set.of(), 157_680_000L);
        assertThat(clamped.getValiditySeconds()).contains(127_793_647L);
        assertThat(clientWith(clamped.getAccessToken().orElseThrow())
                        .apiTokens()
                        .getByGuid(clamped.getGuid()))
                .isPresent();
    }

    // ------------------------------------------------------------------ add as admin / viewer

    @Test
    void addAsAdminKeepsExistingAdminsAndIsIdempotent() {
        tokens.addApiTokenAsAdmin(CONN, Secret.of(JDOE_BEARER));
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", "former-admin", admin.username());
        RecordedCall save = calls("POST", "/api/meta/entity/bulk").get(0);
        assertThat(save.header("Authorization")).contains("Bearer " + JDOE_BEARER);
        assertThat(calls("GET", "/api/service/users/current").get(0).header("Authorization"))
                .contains("Bearer " + admin.secret().reveal());

        atlan.clearRequests();
        tokens.addApiTokenAsAdmin(CONN, Secret.of(JDOE_BEARER));
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", "former-admin", admin.username());
        assertThat(atlan.requests())
                .extracting(RecordedCall::path)
                .containsExactly("/api/service/users/current", "/api/meta/search/indexsearch");
    }

    @Test
    void addAsViewerOfACollectionKeepsViewersAndAdmins() {
        tokens.addApiTokenAsViewer(COLL, Secret.of(JDOE_BEARER));
        assertThat(atlan.viewerUsers(COLL)).containsExactly("analyst1", admin.username());
        assertThat(atlan.adminUsers(COLL)).containsExactly("jdoe");
        tokens.addApiTokenAsAdmin(COLL, Secret.of(JDOE_BEARER));
        assertThat(atlan.adminUsers(COLL)).containsExactly("jdoe", admin.username());
        assertThat(atlan.viewerUsers(COLL)).containsExactly("analyst1", admin.username());
    }

    @Test
    void aNewTokenCanBeMadeAdminThroughItsOwnClient() {
        ApiToken t = tokens.create("worker", "", Set.of(), null);
        clientWith(t.getAccessToken().orElseThrow()).apiTokens().addApiTokenAsAdmin(CONN, Secret.of(JDOE_BEARER));
        assertThat(atlan.adminUsers(CONN)).endsWith(t.getServiceAccountUsername());
    }

    @Test
    void anImpersonationUserWhoMayReadButNotWriteIsRefusedWithPermissionDenied() {
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of(MALLORY_BEARER)))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403))
                .hasMessageContaining("impersonation token's user may not change asset " + CONN);
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", "former-admin");
    }

    @Test
    void anUnknownImpersonationTokenIsRefusedNamingTheImpersonationToken() {
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin(CONN, Secret.of("not-a-real-bearer")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("impersonation token was refused");
    }

    @Test
    void aRefusedClientKeyIsNamedAsTheClientsOwnKey() {
        ApiToken t = tokens.create("short-lived", "", Set.of(), null);
        AtlanClient asT = clientWith(t.getAccessToken().orElseThrow());
        tokens.purge(t.getGuid());
        assertThatThrownBy(() -> asT.apiTokens().addApiTokenAsAdmin(CONN, Secret.of(JDOE_BEARER)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("client's own API key was refused");
    }

    @Test
    void anAssetTheImpersonationUserCannotSeeIsNotFound() {
        assertThatThrownBy(() -> tokens.addApiTokenAsViewer(COLL, Secret.of(MALLORY_BEARER)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(COLL);
        assertThatThrownBy(() -> tokens.addApiTokenAsAdmin("no-such-asset", Secret.of(JDOE_BEARER)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-asset");
    }

    @Test
    void aPersonalBearerAsTheClientKeyIsRefusedBeforeTouchingTheAsset() {
        AtlanClient asJdoe = clientWith(Secret.of(JDOE_BEARER));
        assertThatThrownBy(() -> asJdoe.apiTokens().addApiTokenAsAdmin(CONN, Secret.of(JDOE_BEARER)))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("not to an API token");
        assertThat(atlan.requests("/api/meta/search/indexsearch")).isEmpty();
        assertThat(atlan.adminUsers(CONN)).containsExactly("jdoe", "former-admin");
    }
}
