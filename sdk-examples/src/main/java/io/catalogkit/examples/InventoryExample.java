package io.catalogkit.examples;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.inventory.InventoryReport;
import io.catalogkit.tokens.inventory.TokenInventory;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Across catalogs: one inventory of the tokens on Atlan, Alation and DataHub (here three embedded
 * fakes seeded with expired, soon-expiring and never-expiring tokens of several owners), printed as
 * a table, and one rotation per platform into a stand-in vault. No secret is printed.
 */
public final class InventoryExample {
    private static final String ENGINEERS = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    private static final String CONNECTION = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    private static final String ADMIN = "urn:li:corpuser:datahub";
    private static final String JDOE = "urn:li:corpuser:jdoe";
    private static final String ASMITH = "urn:li:corpuser:asmith";

    private InventoryExample() {}

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        FakeClock clock = new FakeClock(now.minus(Duration.ofDays(40)));
        Map<String, Secret> vault = new TreeMap<>(); // stands in for a vault or a Kubernetes secret
        try (FakeAtlan atlanFake = new FakeAtlan(clock).start();
                FakeAlation alationFake = new FakeAlation(clock).start();
                FakeDataHub hubFake = new FakeDataHub(clock).start()) {
            // 40 days ago: a migration token valid for 30 days, expired since
            atlanFake.addPersona(ENGINEERS, "Data Engineers").addApiToken("old-migration", "", Set.of(), 30 * 86_400L);
            clock.set(now);
            Secret atlanKey = atlanFake.addApiToken("catalogkit-admin").secret();
            FakeAtlan.SeededToken nightly =
                    atlanFake.addApiToken("nightly-sync", "dbt nightly job", Set.of(ENGINEERS), 90 * 86_400L);
            atlanFake.addApiToken("weekly-export", "", Set.of(ENGINEERS), 3 * 86_400L);
            atlanFake
                    .addUser("jdoe", "jdoe-impersonation-bearer")
                    .addAsset(CONNECTION, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                    .setAdminUsers(CONNECTION, "jdoe", nightly.username())
                    .allowWrite(CONNECTION, "jdoe");

            long userId = alationFake
                    .addUser("jdoe@example.com", "correct-horse-battery")
                    .id();
            alationFake.refreshTokenLifespan(Duration.ofDays(5));
            Secret refresh = alationFake.addRefreshToken(userId, "ci-pipeline").secret();

            hubFake.addAdmin(ADMIN)
                    .addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS)
                    .addUser(ASMITH, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Secret hubKey = hubFake.addAccessToken(ADMIN).secret();
            Secret laptop = hubFake.addAccessToken(
                            JDOE, JDOE, "laptop", null, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(20)))
                    .secret();
            hubFake.addAccessToken(JDOE, ADMIN, "ingestion", "nightly ingestion", now, now.plus(Duration.ofDays(4)));
            hubFake.addAccessToken(
                    JDOE, JDOE, "old-ci", null, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)));
            hubFake.addAccessToken(ASMITH, ASMITH, "dbt", "dbt cloud", now.minus(Duration.ofDays(3)), null);

            try (AtlanClient atlan = AtlanClient.builder()
                            .baseUrl(atlanFake.baseUrl())
                            .apiKey(atlanKey)
                            .clock(clock)
                            .build();
                    AlationClient alation = AlationClient.builder()
                            .baseUrl(alationFake.baseUrl())
                            .refreshToken(refresh, userId)
                            .clock(clock)
                            .build();
                    DataHubClient datahub = DataHubClient.builder()
                            .baseUrl(hubFake.baseUrl())
                            .token(hubKey)
                            .clock(clock)
                            .build()) {
                TokenInventory inventory = TokenInventory.builder()
                        .atlan(atlan)
                        .alation(alation)
                        .datahub(datahub)
                        .clock(clock)
                        .build();
                InventoryReport report = inventory.collect();
                out.println("Every token on the three embedded fakes:");
                out.print(report.toTable());
                out.println("Expiring within 7 days: "
                        + report.expiringWithin(Duration.ofDays(7)).getEntries().size() + "; never expiring: "
                        + report.neverExpiring().getEntries().size() + "; owned by " + JDOE + ": "
                        + report.ownedBy(JDOE).getEntries().size());

                out.println();
                out.println("One rotation per platform (new secret to the vault, then the old one revoked):");
                Rotation<ApiToken> a = atlan.apiTokens()
                        .rotate(
                                nightly.guid(),
                                into(vault, "atlan/nightly-sync"),
                                Secret.of("jdoe-impersonation-bearer"));
                summary(
                        out,
                        "Atlan 'nightly-sync'",
                        a.isOldRevoked(),
                        a.getSteps().size());
                a.getSteps().forEach(s -> out.println("      - " + s));
                Rotation<AccessToken> d = datahub.accessTokens()
                        .rotate(hubFake.tokenId(laptop), AccessTokenDuration.ONE_MONTH, into(vault, "datahub/laptop"));
                summary(out, "DataHub 'laptop'", d.isOldRevoked(), d.getSteps().size());
                Rotation<RefreshToken> r =
                        alation.refreshTokens().rotate(refresh, userId, into(vault, "alation/ci-pipeline"));
                summary(
                        out,
                        "Alation 'ci-pipeline'",
                        r.isOldRevoked(),
                        r.getSteps().size());
                out.println("    the Alation client switched to the new refresh token and still works: "
                        + alation.currentAccessToken().masked());
                out.println("  vault now holds: " + vault.keySet());
            }
        }
    }

    private static SecretSink into(Map<String, Secret> vault, String key) {
        return secret -> vault.put(key, secret);
    }

    private static void summary(PrintStream out, String what, boolean oldRevoked, int steps) {
        out.println("  " + what + ": replaced, old one " + (oldRevoked ? "revoked" : "STILL ACTIVE") + " (" + steps
                + " steps)");
    }
}
