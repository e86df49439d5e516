package io.catalogkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.inventory.InventoryEntry;
import io.catalogkit.tokens.inventory.InventoryReport;
import io.catalogkit.tokens.inventory.TokenInventory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry gauges from real inventory reports of the Atlan and DataHub fakes. */
class TokenExpiryGaugesTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final long DAY = 86_400L;

    final FakeClock clock = new FakeClock(T0);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Secret> secrets = new ArrayList<>();
    FakeAtlan atlan;
    FakeDataHub hub;
    AtlanClient atlanClient;
    DataHubClient hubClient;
    FakeAtlan.SeededToken weekly;
    FakeDataHub.SeededAccessToken expiring;

    @BeforeEach
    void seed() {
        atlan = new FakeAtlan(clock).start();
        hub = new FakeDataHub(clock).start();
        FakeAtlan.SeededToken admin = atlan.addApiToken("catalogkit-admin");
        weekly = atlan.addApiToken("weekly-report", "", Set.of(), 3 * DAY);
        secrets.add(admin.secret());
        secrets.add(weekly.secret());
        secrets.add(atlan.addApiToken("nightly-sync", "", Set.of(), 90 * DAY).secret());

        hub.addAdmin(ADMIN);
        Secret hubAdmin = hub.addAccessToken(ADMIN).secret(); // never expires: no gauge
        expiring = hub.addAccessToken(ADMIN, ADMIN, "laptop", null, T0, T0.plus(Duration.ofDays(2)));
        secrets.add(hubAdmin);
        secrets.add(expiring.secret());

        atlanClient = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(admin.secret())
                .clock(clock)
                .sleeper(d -> {})
                .build();
        hubClient = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(hubAdmin)
                .clock(clock)
                .sleeper(d -> {})
                .build();
    }

    @AfterEach
    void close() {
        atlanClient.close();
        hubClient.close();
        atlan.close();
        hub.close();
    }

    InventoryReport collect() {
        return TokenInventory.builder()
                .atlan(atlanClient)
                .datahub(hubClient)
                .clock(clock)
                .build()
                .collect();
    }

    Map<String, Double> gaugesById() {
        return registry.find(TokenExpiryGauges.NAME).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("id"), Gauge::value));
    }

    @Test
    void aGaugePerExpiringTokenCountingDownByTheClock() {
        InventoryReport report = collect();
        TokenExpiryGauges gauges = TokenExpiryGauges.bind(registry, clock);

        int made = gauges.update(report);

        List<InventoryEntry> expiringEntries = report.getEntries().stream()
                .filter(e -> e.getExpiresAt().isPresent())
                .toList();
        assertThat(report.getEntries()).hasSizeGreaterThan(expiringEntries.size()); // the never-expiring one
        assertThat(made)
                .isEqualTo(expiringEntries.size())
                .isEqualTo(gaugesById().size());
        assertThat(gaugesById()).containsEntry(weekly.guid(), 3.0 * DAY).containsEntry(expiring.id(), 2.0 * DAY);
        Gauge atlanWeekly =
                registry.get(TokenExpiryGauges.NAME).tag("id", weekly.guid()).gauge();
        assertThat(tagMap(atlanWeekly))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("platform", "atlan", "kind", InventoryEntry.API_TOKEN, "id", weekly.guid()));
        assertThat(tagMap(registry.get(TokenExpiryGauges.NAME)
                        .tag("id", expiring.id())
                        .gauge()))
                .containsEntry("platform", "datahub")
                .containsEntry("kind", InventoryEntry.PERSONAL_ACCESS_TOKEN);

        clock.advance(Duration.ofDays(1).plusSeconds(30));
        assertThat(atlanWeekly.value()).isCloseTo(2.0 * DAY - 30, within(0.001));
        clock.advance(Duration.ofDays(3));
        assertThat(atlanWeekly.value()).as("negative once expired").isNegative();
    }

    @Test
    void aNewReportMovesReplacesAndRemovesGauges() {
        TokenExpiryGauges gauges = TokenExpiryGauges.bind(registry, clock);
        gauges.update(collect());
        Gauge before =
                registry.get(TokenExpiryGauges.NAME).tag("id", weekly.guid()).gauge();

        atlanClient.apiTokens().purge(weekly.guid());
        hubClient.accessTokens().revoke(expiring.id());
        clock.advance(Duration.ofHours(1));
        FakeAtlan.SeededToken fresh = atlan.addApiToken("fresh", "", Set.of(), 30 * DAY);
        secrets.add(fresh.secret());
        int now = gauges.update(collect());

        Map<String, Double> byId = gaugesById();
        assertThat(byId).hasSize(now).doesNotContainKeys(weekly.guid(), expiring.id());
        assertThat(byId).containsEntry(fresh.guid(), 30.0 * DAY);
        assertThat(registry.getMeters()).doesNotContain(before);

        gauges.clear();
        assertThat(registry.find(TokenExpiryGauges.NAME).gauges()).isEmpty();
        assertThat(gauges).hasToString("TokenExpiryGauges[0 gauges]");
    }

    @Test
    void noTagHoldsASecretOrAName() {
        InventoryReport report = collect();
        TokenExpiryGauges.bind(registry, clock).update(report);

        Set<String> names = report.getEntries().stream()
                .map(e -> e.getName().orElse(null))
                .filter(n -> n != null)
                .collect(Collectors.toSet());
        assertThat(names).contains("weekly-report", "laptop");
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(names).doesNotContain(tag.getValue());
                for (Secret s : secrets) {
                    assertThat(tag.getValue()).doesNotContain(s.reveal());
                }
            }
        }
    }

    static Map<String, String> tagMap(Meter meter) {
        return meter.getId().getTags().stream().collect(Collectors.toMap(Tag::getKey, Tag::getValue));
    }
}
