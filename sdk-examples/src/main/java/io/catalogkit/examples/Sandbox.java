package io.catalogkit.examples;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.inventory.TokenInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The three embedded fakes, seeded with expired, soon-expiring and never-expiring tokens of several
 * owners, and a client for each on the fakes' clock: what the examples and the JShell session use
 * when no platform is configured. {@link #close()} closes the clients and stops the fakes.
 */
public final class Sandbox implements AutoCloseable {
    /** The Atlan persona the seeded tokens are linked to. */
    public static final String ENGINEERS = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    /** The Atlan connection {@code jdoe} and the nightly token administer. */
    public static final String CONNECTION = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    /** The DataHub admin whose token the DataHub client holds. */
    public static final String ADMIN = "urn:li:corpuser:datahub";
    /** A DataHub user with tokens of their own. */
    public static final String JDOE = "urn:li:corpuser:jdoe";
    /** Another DataHub user with a token that never expires. */
    public static final String ASMITH = "urn:li:corpuser:asmith";
    /** The Atlan impersonation bearer of {@code jdoe}, who may administer {@link #CONNECTION}. */
    public static final Secret JDOE_BEARER = Secret.of("jdoe-impersonation-bearer");
    /** The time the fakes' clock shows once seeded. */
    public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeClock clock = new FakeClock(NOW.minus(Duration.ofDays(40)));
    private final FakeAtlan atlanFake;
    private final FakeAlation alationFake;
    private final FakeDataHub hubFake;
    private final FakeAtlan.SeededToken nightly;
    private final Secret laptop;
    private final Secret refreshToken;
    private final long userId;
    private final AtlanClient atlan;
    private final AlationClient alation;
    private final DataHubClient datahub;

    private Sandbox() {
        atlanFake = new FakeAtlan(clock).start();
        alationFake = new FakeAlation(clock).start();
        hubFake = new FakeDataHub(clock).start();
        // 40 days ago: a migration token valid for 30 days, expired since
        atlanFake.addPersona(ENGINEERS, "Data Engineers").addApiToken("old-migration", "", Set.of(), 30 * 86_400L);
        clock.set(NOW);
        Secret atlanKey = atlanFake.addApiToken("catalogkit-admin").secret();
        nightly = atlanFake.addApiToken("nightly-sync", "dbt nightly job", Set.of(ENGINEERS), 90 * 86_400L);
        atlanFake.addApiToken("weekly-export", "", Set.of(ENGINEERS), 3 * 86_400L);
        atlanFake
                .addUser("jdoe", JDOE_BEARER.reveal())
                .addAsset(CONNECTION, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONNECTION, "jdoe", nightly.username())
                .allowWrite(CONNECTION, "jdoe");

        userId =
                alationFake.addUser("jdoe@example.com", "correct-horse-battery").id();
        alationFake.refreshTokenLifespan(Duration.ofDays(5));
        refreshToken = alationFake.addRefreshToken(userId, "ci-pipeline").secret();

        hubFake.addAdmin(ADMIN)
                .addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS)
                .addUser(ASMITH, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
        Secret hubKey = hubFake.addAccessToken(ADMIN).secret();
        laptop = hubFake.addAccessToken(
                        JDOE, JDOE, "laptop", null, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(20)))
                .secret();
        hubFake.addAccessToken(JDOE, ADMIN, "ingestion", "nightly ingestion", NOW, NOW.plus(Duration.ofDays(4)));
        hubFake.addAccessToken(
                JDOE, JDOE, "old-ci", null, NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)));
        hubFake.addAccessToken(ASMITH, ASMITH, "dbt", "dbt cloud", NOW.minus(Duration.ofDays(3)), null);

        atlan = AtlanClient.builder()
                .baseUrl(atlanFake.baseUrl())
                .apiKey(atlanKey)
                .clock(clock)
                .build();
        alation = AlationClient.builder()
                .baseUrl(alationFake.baseUrl())
                .refreshToken(refreshToken, userId)
                .clock(clock)
                .build();
        datahub = DataHubClient.builder()
                .baseUrl(hubFake.baseUrl())
                .token(hubKey)
                .clock(clock)
                .build();
    }

    /**
     * Starts and seeds the three fakes, and makes the clients.
     *
     * @return the sandbox; close it when done
     */
    public static Sandbox start() {
        return new Sandbox();
    }

    /**
     * An inventory of the three clients, on the fakes' clock.
     *
     * @return the inventory
     */
    public TokenInventory inventory() {
        return TokenInventory.builder()
                .atlan(atlan)
                .alation(alation)
                .datahub(datahub)
                .clock(clock)
                .build();
    }

    /**
     * The fakes' clock, which moves only when told.
     *
     * @return the clock
     */
    public FakeClock clock() {
        return clock;
    }

    /**
     * The Atlan fake.
     *
     * @return the fake
     */
    public FakeAtlan atlanFake() {
        return atlanFake;
    }

    /**
     * The Alation fake.
     *
     * @return the fake
     */
    public FakeAlation alationFake() {
        return alationFake;
    }

    /**
     * The DataHub fake.
     *
     * @return the fake
     */
    public FakeDataHub dataHubFake() {
        return hubFake;
    }

    /**
     * A client of the Atlan fake, holding the {@code catalogkit-admin} API token.
     *
     * @return the client
     */
    public AtlanClient atlan() {
        return atlan;
    }

    /**
     * A client of the Alation fake, holding {@code jdoe}'s {@code ci-pipeline} refresh token.
     *
     * @return the client
     */
    public AlationClient alation() {
        return alation;
    }

    /**
     * A client of the DataHub fake, holding the admin's token.
     *
     * @return the client
     */
    public DataHubClient datahub() {
        return datahub;
    }

    /**
     * The Atlan token {@code nightly-sync}, linked to {@link #ENGINEERS} and administering {@link
     * #CONNECTION}.
     *
     * @return the seeded token
     */
    public FakeAtlan.SeededToken nightly() {
        return nightly;
    }

    /**
     * {@code jdoe}'s DataHub token {@code laptop}.
     *
     * @return its value
     */
    public Secret laptop() {
        return laptop;
    }

    /**
     * The refresh token the Alation client holds.
     *
     * @return its value
     */
    public Secret refreshToken() {
        return refreshToken;
    }

    /**
     * The Alation user id of {@code jdoe}, whose refresh token the Alation client holds.
     *
     * @return the user id
     */
    public long userId() {
        return userId;
    }

    /** Closes the clients and stops the fakes. */
    @Override
    public void close() {
        atlan.close();
        alation.close();
        datahub.close();
        atlanFake.close();
        alationFake.close();
        hubFake.close();
    }
}
