package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code catalogkit demo}: fake Atlan, Alation and DataHub catalogs on loopback ports in this
 * process, a few tokens seeded, then the real {@code inventory} and {@code atlan rotate} code run
 * against them, configured through the same environment variables a user sets. No secret is shown:
 * the rotated one goes to a stand-in for a vault.
 */
final class DemoOps {
    private static final String ENGINEERS = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    private static final String ADMIN = "urn:li:corpuser:datahub";
    private static final String JDOE = "urn:li:corpuser:jdoe";

    private DemoOps() {}

    static int run(Session s) {
        PrintWriter out = s.out();
        out.println("Starting fake Atlan, Alation and DataHub catalogs in this process (loopback only)...");
        out.flush();
        try (FakeAtlan atlan = new FakeAtlan().start();
                FakeAlation alation = new FakeAlation().start();
                FakeDataHub hub = new FakeDataHub().start()) {
            Instant now = hub.clock().instant();
            Secret atlanKey = atlan.addApiToken("catalogkit-admin").secret();
            atlan.addPersona(ENGINEERS, "Data Engineers");
            FakeAtlan.SeededToken nightly =
                    atlan.addApiToken("nightly-sync", "dbt nightly job", Set.of(ENGINEERS), 90 * 86_400L);
            atlan.addApiToken("weekly-export", "", Set.of(ENGINEERS), 3 * 86_400L);

            long userId =
                    alation.addUser("jdoe@example.com", "correct-horse-battery").id();
            alation.refreshTokenLifespan(Duration.ofDays(5));
            Secret refresh = alation.addRefreshToken(userId, "ci-pipeline").secret();

            hub.addAdmin(ADMIN).addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Secret hubKey = hub.addAccessToken(ADMIN).secret();
            hub.addAccessToken(
                    JDOE, JDOE, "laptop", null, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(20)));
            hub.addAccessToken(JDOE, ADMIN, "ingestion", "nightly ingestion", now, now.plus(Duration.ofDays(4)));

            Session demo = s.withEnv(Map.of(
                    "ATLAN_BASE_URL", atlan.baseUrl(),
                    "ATLAN_API_KEY", atlanKey.reveal(),
                    "ALATION_BASE_URL", alation.baseUrl(),
                    "ALATION_REFRESH_TOKEN", refresh.reveal(),
                    "ALATION_USER_ID", Long.toString(userId),
                    "DATAHUB_GMS_URL", hub.baseUrl(),
                    "DATAHUB_GMS_TOKEN", hubKey.reveal()));

            out.println();
            out.println("$ catalogkit inventory");
            out.flush();
            int inventory = InventoryOps.run(demo, List.of(), "table", null, null);

            out.println();
            out.println("$ catalogkit atlan rotate " + nightly.guid() + " --secret-to-command 'vault kv put ...'");
            out.flush();
            demo.platform(AtlanCommand.PLATFORM);
            int rotation = AtlanOps.rotate(
                    demo, nightly.guid(), Sinks.discard(demo), "handed to a stand-in vault (not shown)", null);

            out.println();
            out.println("On your own catalogs: set ATLAN_BASE_URL and ATLAN_API_KEY (and/or the Alation and DataHub"
                    + " variables, see --help), then run 'catalogkit inventory'.");
            return Math.max(inventory, rotation);
        }
    }
}
