package io.catalogkit.tokens.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.FaultOn;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inventory over the three fakes: every platform, paging, filters, gaps and failures, no secrets. */
class TokenInventoryTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";

    final FakeClock clock = new FakeClock(T0.minus(Duration.ofDays(10)));
    final List<AutoCloseable> closeLater = new ArrayList<>();
    final List<Secret> secrets = new ArrayList<>();
    FakeAtlan atlan;
    FakeAlation alation;
    FakeDataHub hub;
    FakeAtlan.SeededToken atlanAdmin;
    Secret refresh;
    long userId;
    Secret hubAdmin;
    Secret hubJdoe;

    @BeforeEach
    void seed() {
        atlan = new FakeAtlan(clock).start();
        alation = new FakeAlation(clock).start();
        hub = new FakeDataHub(clock).start();
        atlan.addPersona(P1, "Data Engineers");
        // ten days ago: one token that has expired since
        secrets.add(atlan.addApiToken("old-export", "", Set.of(), 2 * 86_400L).secret());
        clock.set(T0);
        atlanAdmin = atlan.addApiToken("catalogkit-admin");
        secrets.add(atlanAdmin.secret());
        secrets.add(atlan.addApiToken("weekly-report", "expires this week", Set.of(P1), 3 * 86_400L)
                .secret());
        secrets.add(
                atlan.addApiToken("nightly-sync", "", Set.of(P1), 90 * 86_400L).secret());
        secrets.add(atlan.addApiToken("adhoc", "", Set.of(), 157_680_000L).secret());

        userId = alation.addUser("jdoe@example.com", "correct-horse").id();
        alation.refreshTokenLifespan(Duration.ofDays(5));
        refresh = alation.addRefreshToken(userId, "ci").secret();
        secrets.add(refresh);

        hub.addAdmin(ADMIN).addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
        hubAdmin = hub.addAccessToken(ADMIN).secret();
        hubJdoe = hub.addAccessToken(
                        JDOE, JDOE, "laptop", null, T0.minus(Duration.ofDays(40)), T0.plus(Duration.ofDays(2)))
                .secret();
        secrets.add(hubAdmin);
        secrets.add(hubJdoe);
        secrets.add(hub.addAccessToken(JDOE, ADMIN, "ingestion", "made by the admin", T0, null)
                .secret());
        secrets.add(hub.addAccessToken(
                        JDOE, JDOE, "expired", null, T0.minus(Duration.ofDays(9)), T0.minus(Duration.ofDays(2)))
                .secret());
        atlan.clearRequests();
        hub.clearRequests();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        atlan.close();
        alation.close();
        hub.close();
    }

    <T extends AutoCloseable> T later(T c) {
        closeLater.add(c);
        return c;
    }

    AtlanClient atlanClient(OkHttpClient http) {
        AtlanClient.Builder b = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(atlanAdmin.secret())
                .clock(clock)
                .sleeper(d -> {});
        if (http != null) {
            b.httpClient(http);
        }
        return later(b.build());
    }

    AlationClient alationClient(Secret refreshToken) {
        AlationClient.Builder b =
                AlationClient.builder().baseUrl(alation.baseUrl()).clock(clock);
        if (refreshToken != null) {
            b.refreshToken(refreshToken, userId);
        }
        return later(b.build());
    }

    DataHubClient hubClient(Secret token) {
        return later(DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(d -> {})
                .build());
    }

    TokenInventory.Builder all() {
        return TokenInventory.builder()
                .atlan(atlanClient(null))
                .alation(alationClient(refresh))
                .datahub(hubClient(hubAdmin))
                .clock(clock);
    }

    static Set<String> names(InventoryReport r) {
        return r.getEntries().stream().map(e -> e.getName().orElse("-")).collect(Collectors.toSet());
    }

    @Test
    void collectListsEveryPlatformAsOneModel() {
        InventoryReport report = all().build().collect();

        assertThat(report.getAsOf()).isEqualTo(T0);
        assertThat(report.on(Platform.ATLAN).getEntries()).hasSize(5).allSatisfy(e -> {
            assertThat(e.getKind()).isEqualTo(InventoryEntry.API_TOKEN);
            assertThat(e.getOwner()).contains("fake-admin");
        });
        InventoryEntry weekly = report.getEntries().stream()
                .filter(e -> e.getName().orElse("").equals("weekly-report"))
                .findFirst()
                .orElseThrow();
        assertThat(weekly.getScopes()).containsExactly(P1);
        assertThat(weekly.getExpiresAt()).contains(T0.plus(Duration.ofDays(3)));
        assertThat(report.getEntries())
                .filteredOn(e -> e.getName().orElse("").equals("old-export"))
                .singleElement()
                .extracting(InventoryEntry::getStatus)
                .isEqualTo(TokenStatus.EXPIRED);

        List<InventoryEntry> onAlation = report.on(Platform.ALATION).getEntries();
        assertThat(onAlation)
                .extracting(InventoryEntry::getKind)
                .containsExactly(InventoryEntry.REFRESH_TOKEN, InventoryEntry.ACCESS_TOKEN);
        assertThat(onAlation.get(0).getId()).isEqualTo(userId + ":ci");
        assertThat(onAlation.get(0).getExpiresAt().orElseThrow())
                .isBetween(T0.plus(Duration.ofDays(5)).minusSeconds(1), T0.plus(Duration.ofDays(5)));
        assertThat(onAlation).allSatisfy(e -> {
            assertThat(e.getOwner()).contains(Long.toString(userId));
            assertThat(e.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        });

        List<InventoryEntry> onHub = report.on(Platform.DATAHUB).getEntries();
        assertThat(onHub)
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.getKind()).isEqualTo(InventoryEntry.PERSONAL_ACCESS_TOKEN));
        assertThat(onHub)
                .filteredOn(e -> e.getName().orElse("").equals("expired"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getStatus()).isEqualTo(TokenStatus.EXPIRED);
                    assertThat(e.getScopes()).containsExactly(JDOE);
                });

        assertThat(report.getGaps())
                .singleElement()
                .asString()
                .startsWith("Alation: no public API lists a user's refresh tokens");
    }

    @Test
    void filtersPickTheTokensAPersonAsksAbout() {
        InventoryReport report = all().build().collect();

        assertThat(names(report.expiringWithin(Duration.ofDays(7))))
                .containsExactlyInAnyOrder("weekly-report", "ci", "laptop", "-");
        assertThat(report.expiringWithin(Duration.ofDays(7)).getEntries())
                .noneMatch(e -> e.getStatus() == TokenStatus.EXPIRED);
        assertThat(names(report.neverExpiring())).containsExactlyInAnyOrder("seeded", "ingestion");
        assertThat(names(report.ownedBy(JDOE))).containsExactlyInAnyOrder("laptop", "expired");
        assertThat(names(report.ownedBy(Long.toString(userId)))).containsExactlyInAnyOrder("ci", "-");
        assertThat(report.on(Platform.DATAHUB).getGaps()).isEmpty();
    }

    @Test
    void entriesArriveLazilyPlatformByPlatformAndPageByPage() {
        TokenInventory inventory = all().pageSize(2).build();

        assertThat(inventory.entries().limit(3).count()).isEqualTo(3);
        assertThat(atlan.requests("/api/service/apikeys")).hasSize(2);
        assertThat(alation.requests()).isEmpty();
        assertThat(hub.requests()).isEmpty();

        atlan.clearRequests();
        List<InventoryEntry> every = inventory.entries().toList();
        assertThat(every)
                .extracting(InventoryEntry::getPlatform)
                .containsSubsequence(Platform.ATLAN, Platform.ALATION, Platform.DATAHUB);
        assertThat(every).hasSize(5 + 2 + 4);
        assertThat(atlan.requests("/api/service/apikeys")).hasSize(3);
        // two pages of tokens, and the one page of service accounts that tells their tokens apart
        assertThat(hub.requests(FakeDataHub.GRAPHQL_PATH)).hasSize(3);
    }

    @Test
    void dataHubServiceAccountTokensAreLabelledAndOwnedByTheAccount() {
        hub.addServiceAccount("ingestion", "Ingestion", null);
        String account = FakeDataHub.serviceAccountUrn("ingestion");
        DataHubClient admin = hubClient(hubAdmin);
        String id = admin.serviceAccounts()
                .createToken(account, AccessTokenDuration.ONE_MONTH, "nightly-load", null)
                .getId()
                .orElseThrow();

        InventoryReport report =
                TokenInventory.builder().datahub(admin).clock(clock).build().collect();

        InventoryEntry token = report.getEntries().stream()
                .filter(e -> e.getId().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(token.getKind()).isEqualTo(InventoryEntry.SERVICE_ACCOUNT_TOKEN);
        assertThat(token.getOwner()).contains(account);
        assertThat(report.getEntries())
                .filteredOn(e -> !e.getId().equals(id))
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.getKind()).isEqualTo(InventoryEntry.PERSONAL_ACCESS_TOKEN));
        assertThat(report.toTable()).contains("service-account-token");
        assertThat(report.getGaps()).isEmpty();
    }

    @Test
    void onADataHubWithoutServiceAccountsEveryTokenIsPersonalAndNothingIsMissing() {
        hub.schemaBuild(FakeDataHub.SchemaBuild.PRE_SERVICE_ACCOUNTS);
        InventoryReport report = TokenInventory.builder()
                .datahub(hubClient(hubAdmin))
                .clock(clock)
                .build()
                .collect();
        assertThat(report.getEntries())
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.getKind()).isEqualTo(InventoryEntry.PERSONAL_ACCESS_TOKEN));
        assertThat(report.getGaps()).isEmpty();
    }

    @Test
    void aDataHubUserWhoIsNoAdminSeesTheirOwnTokensAndAGap() {
        InventoryReport report = TokenInventory.builder()
                .datahub(hubClient(hubJdoe))
                .clock(clock)
                .build()
                .collect();

        assertThat(names(report)).containsExactlyInAnyOrder("laptop", "expired");
        assertThat(report.getGaps())
                .singleElement()
                .asString()
                .startsWith("DataHub: " + JDOE + " may not list every token")
                .contains("tokens others made for it are not");
    }

    @Test
    void aPlatformThatFailsBecomesAGapAndTheOthersAreStillListed() {
        atlan.failNext(3, Fault.status(503));
        InventoryReport report = all().build().collect();

        assertThat(report.on(Platform.ATLAN).getEntries()).isEmpty();
        assertThat(report.on(Platform.ATLAN).getGaps())
                .singleElement()
                .asString()
                .startsWith("Atlan: listing failed: ServerException");
        assertThat(report.on(Platform.ALATION).getEntries()).hasSize(2);
        assertThat(report.on(Platform.DATAHUB).getEntries()).hasSize(4);
    }

    @Test
    void aFailureOnALaterPageKeepsWhatWasListed() {
        OkHttpClient http = FaultOn.client(atlan, 2, Fault.status(403));
        closeLater.add(FaultOn.closer(http));
        TokenInventory inventory = TokenInventory.builder()
                .atlan(atlanClient(http))
                .pageSize(2)
                .clock(clock)
                .build();

        InventoryReport report = inventory.collect();
        assertThat(report.getEntries()).hasSize(2);
        assertThat(report.getGaps())
                .singleElement()
                .asString()
                .startsWith("Atlan: listing failed after 2 token(s): PermissionDeniedException");
    }

    @Test
    void entriesThrowsWhatCollectReportsAsAGap() {
        atlan.failNext(3, Fault.status(503));
        assertThatThrownBy(() -> all().build().entries().toList()).isInstanceOf(ServerException.class);
        hub.failNext(2, Fault.status(403)); // the list of every token, then the own list
        assertThatThrownBy(() -> TokenInventory.builder()
                        .datahub(hubClient(hubJdoe))
                        .build()
                        .entries()
                        .toList())
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void alationClientsWithoutAUsableRefreshTokenAreGaps() {
        InventoryReport none =
                TokenInventory.builder().alation(alationClient(null)).build().collect();
        assertThat(none.getEntries()).isEmpty();
        assertThat(none.getGaps()).hasSize(2).last().asString().contains("holds no refresh token");

        alation.revokeRefreshToken(refresh);
        InventoryReport revoked =
                TokenInventory.builder().alation(alationClient(refresh)).build().collect();
        assertThat(revoked.getEntries()).isEmpty();
        assertThat(revoked.getGaps()).last().asString().startsWith("Alation: listing failed: AuthenticationException");

        alation.legacyExpiredStatus(true);
        InventoryReport legacy =
                TokenInventory.builder().alation(alationClient(refresh)).build().collect();
        assertThat(legacy.getEntries())
                .singleElement()
                .extracting(InventoryEntry::getKind)
                .isEqualTo("refresh-token");
        assertThat(legacy.getGaps()).last().asString().contains("so it has no current access token");
    }

    @Test
    void noSecretInAnyEntryOrRendering() {
        AlationClient alationClient = alationClient(refresh);
        InventoryReport report = TokenInventory.builder()
                .atlan(atlanClient(null))
                .alation(alationClient)
                .datahub(hubClient(hubAdmin))
                .clock(clock)
                .build()
                .collect();
        secrets.add(alationClient.currentAccessToken());

        String everything = report.toTable() + report.toJson() + report.toCsv() + report.getEntries() + report;
        assertThat(report.getEntries()).hasSize(11);
        for (Secret s : secrets) {
            assertThat(everything).doesNotContain(s.reveal());
        }
        assertThat(everything).doesNotContain("eyJ");
    }

    @Test
    void anInventoryNeedsAClient() {
        assertThatThrownBy(() -> TokenInventory.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one client");
        assertThatThrownBy(() -> TokenInventory.builder().pageSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenInventory.builder().pageSize(100000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize must be 1 to " + Page.MAX_SIZE)
                .hasMessageContaining("Atlan")
                .hasMessageContaining("DataHub")
                .hasMessageContaining("100000");
        assertThatThrownBy(() -> TokenInventory.builder().pageSize(Page.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TokenInventory.builder().pageSize(Page.MAX_SIZE)).isNotNull();
    }
}
