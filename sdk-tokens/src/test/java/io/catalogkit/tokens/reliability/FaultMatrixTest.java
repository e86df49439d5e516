package io.catalogkit.tokens.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.FakeServer;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault matrix: every public operation of the three clients against each fault, injected by the
 * fake on the operation's first request. Calls that are safe to repeat must recover from every
 * transient fault; calls that are not must never act twice (the fake counts what it acted on); every
 * failure is a {@link CatalogKitException} whose message says what to do. {@code
 * -Dcatalogkit.faults.rounds=N} runs the matrix N times (default 1).
 */
class FaultMatrixTest {
    static final int ROUNDS = Integer.getInteger("catalogkit.faults.rounds", 1);
    static final Duration READ_TIMEOUT = Duration.ofMillis(250);
    static final Duration SLOW = Duration.ofMillis(700);
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final String COLL = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";
    static final Secret JDOE_BEARER = Secret.of("jdoe-bearer-value-0001");
    static final SecretSink SINK = secret -> {};
    /** What a message that says what to do contains. */
    static final Pattern ADVICE = Pattern.compile(
            "(?i)\\b(check|look|list|validate|try|retry|slow down|use|create|mint|point|purge|reuse|see|pick|"
                    + "delete|read)\\b");

    /** One fault, and whether a call that is safe to repeat must recover from it. */
    record FaultCase(String name, Fault fault, boolean transientFault, boolean mayHaveActed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<FaultCase> FAULTS = List.of(
            new FaultCase("500", Fault.status(500), false, false),
            new FaultCase("502", Fault.status(502), true, true),
            new FaultCase("503", Fault.status(503), true, false),
            new FaultCase("504", Fault.status(504), true, true),
            new FaultCase("429", Fault.status(429), true, false),
            new FaultCase("429 Retry-After 1", Fault.status(429, "1"), true, false),
            new FaultCase("drop before sending", Fault.disconnect(), true, true),
            new FaultCase("drop after sending", Fault.disconnect().afterHandling(), true, true),
            new FaultCase("read timeout", Fault.slow(SLOW), true, true),
            new FaultCase(
                    "truncated body",
                    Fault.body(200, "application/json", "{\"records\":[{\"id\":\"3f9c")
                            .afterHandling(),
                    false,
                    true));

    /**
     * One public operation.
     *
     * @param name platform and operation
     * @param fake the fake it calls
     * @param path the path of its first request, whose acts are counted
     * @param idempotent whether it is safe to repeat (then it must recover from transient faults)
     * @param call the call
     * @param created what the fake holds that the call creates, or null
     */
    record Op(String name, FakeServer<?> fake, String path, boolean idempotent, Runnable call, IntSupplier created) {}

    static Fakes fakes;
    static FakeAtlan.SeededToken victim;
    static FakeAlation.SeededRefreshToken refresh;
    static Secret accessToken;
    static FakeDataHub.SeededAccessToken hubVictim;
    static long userId;

    static final AtomicInteger CELLS = new AtomicInteger();
    static final AtomicInteger RECOVERED = new AtomicInteger();
    static final AtomicInteger FAILED_WITH_ADVICE = new AtomicInteger();
    static final AtomicInteger CREATES_ACTED_ONCE_OR_NOT = new AtomicInteger();
    static final ConcurrentHashMap<String, String> OUTCOMES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        fakes = new Fakes();
        fakes.atlan
                .addUser("jdoe", JDOE_BEARER.reveal())
                .addPersona(P1, "Data Engineers")
                .addAsset(CONN, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONN, "jdoe")
                .allowWrite(CONN, "jdoe")
                .addAsset(COLL, "Collection", "default/collection/jdoe/5b1e0c7a", "queries")
                .setAdminUsers(COLL, "jdoe")
                .allowWrite(COLL, "jdoe");
        Secret atlanKey = fakes.atlan.addApiToken("catalogkit-admin").secret();
        victim = fakes.atlan.addApiToken("nightly sync");
        fakes.atlan.markSeeded();

        userId = fakes.alation
                .addUser("jdoe@example.com", "correct-horse-battery")
                .id();
        refresh = fakes.alation.addRefreshToken(userId, "catalogkit-ci");
        accessToken = fakes.alation.addAccessToken(refresh.secret()).secret();
        fakes.alation.markSeeded();

        fakes.hub.addAdmin(ADMIN);
        Secret hubToken = fakes.hub.addAccessToken(ADMIN).secret();
        hubVictim = fakes.hub.addAccessToken(ADMIN);
        fakes.hub.markSeeded();

        fakes.connect(atlanKey, hubToken, READ_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        fakes.close();
        StringBuilder figures = new StringBuilder(String.format(
                java.util.Locale.ROOT,
                "fault matrix: %d cells (%d operations x %d faults x %d rounds): %d succeeded, %d failed with"
                        + " advice, %d non-idempotent calls acted at most once%n",
                CELLS.get(),
                operations().size(),
                FAULTS.size(),
                ROUNDS,
                RECOVERED.get(),
                FAILED_WITH_ADVICE.get(),
                CREATES_ACTED_ONCE_OR_NOT.get()));
        OUTCOMES.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> figures.append("  ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue())
                        .append('\n'));
        Figures.record("faults", figures.toString());
    }

    static List<Op> operations() {
        String apikeys = "/api/service/apikeys";
        String graphql = FakeDataHub.GRAPHQL_PATH;
        List<Op> ops = new ArrayList<>();
        var t = fakes.atlanClient.apiTokens();
        ops.add(new Op(
                "atlan create",
                fakes.atlan,
                apikeys,
                false,
                () -> t.create("made", "", Set.of(), 3600L),
                () -> fakes.atlan.tokenCount()));
        ops.add(new Op(
                "atlan retrieveByName", fakes.atlan, apikeys, true, () -> t.retrieveByName("nightly sync"), null));
        ops.add(new Op("atlan getById", fakes.atlan, apikeys, true, () -> t.getById(victim.clientId()), null));
        ops.add(new Op("atlan getByGuid", fakes.atlan, apikeys, true, () -> t.getByGuid(victim.guid()), null));
        ops.add(new Op("atlan list", fakes.atlan, apikeys, true, () -> t.list(0, 20), null));
        ops.add(new Op(
                "atlan update",
                fakes.atlan,
                apikeys,
                true,
                () -> t.update(victim.guid(), "renamed", "d", Set.of(P1)),
                null));
        ops.add(new Op(
                "atlan linkPersonas",
                fakes.atlan,
                apikeys,
                true,
                () -> t.linkPersonas(victim.guid(), Set.of(P1)),
                null));
        ops.add(new Op(
                "atlan unlinkPersonas",
                fakes.atlan,
                apikeys,
                true,
                () -> t.unlinkPersonas(victim.guid(), Set.of(P1)),
                null));
        ops.add(new Op("atlan purge", fakes.atlan, apikeys, true, () -> t.purge(victim.guid()), null));
        ops.add(new Op(
                "atlan addApiTokenAsAdmin",
                fakes.atlan,
                "/api/service/users/current",
                true,
                () -> t.addApiTokenAsAdmin(CONN, JDOE_BEARER),
                null));
        ops.add(new Op(
                "atlan addApiTokenAsViewer",
                fakes.atlan,
                "/api/service/users/current",
                true,
                () -> t.addApiTokenAsViewer(COLL, JDOE_BEARER),
                null));
        ops.add(new Op("atlan rotate", fakes.atlan, apikeys, true, () -> t.rotate(victim.guid(), SINK), null));

        var r = fakes.alationClient.refreshTokens();
        var a = fakes.alationClient.accessTokens();
        ops.add(new Op(
                "alation createRefreshToken",
                fakes.alation,
                FakeAlation.CREATE_REFRESH_TOKEN,
                false,
                () -> r.create("jdoe@example.com", Secret.of("correct-horse-battery"), "made"),
                () -> fakes.alation.refreshTokenCount(userId)));
        ops.add(new Op(
                "alation validateRefreshToken",
                fakes.alation,
                FakeAlation.VALIDATE_REFRESH_TOKEN,
                true,
                () -> r.validate(refresh.secret(), userId),
                null));
        ops.add(new Op(
                "alation regenerate",
                fakes.alation,
                FakeAlation.REGENERATE_REFRESH_TOKEN,
                false,
                () -> r.regenerate(refresh.secret(), userId),
                null));
        ops.add(new Op(
                "alation rotate",
                fakes.alation,
                FakeAlation.VALIDATE_REFRESH_TOKEN,
                true,
                () -> r.rotate(refresh.secret(), userId, SINK),
                null));
        ops.add(new Op(
                "alation createAPIAccessToken",
                fakes.alation,
                FakeAlation.CREATE_ACCESS_TOKEN,
                false,
                () -> a.create(refresh.secret(), userId),
                () -> fakes.alation.mintCount()));
        ops.add(new Op(
                "alation validateAPIAccessToken",
                fakes.alation,
                FakeAlation.VALIDATE_ACCESS_TOKEN,
                true,
                () -> a.validate(accessToken, userId),
                null));
        ops.add(new Op(
                "alation revokeAll",
                fakes.alation,
                FakeAlation.REVOKE_ACCESS_TOKENS,
                true,
                () -> a.revokeAll(refresh.secret(), userId),
                null));

        var d = fakes.hubClient.accessTokens();
        ops.add(new Op(
                "datahub create",
                fakes.hub,
                graphql,
                false,
                () -> d.create(ADMIN, AccessTokenDuration.ONE_WEEK, "made", null),
                () -> fakes.hub.tokenIds().size()));
        ops.add(new Op("datahub list", fakes.hub, graphql, true, () -> d.list(0, 20, ADMIN), null));
        ops.add(new Op("datahub revoke", fakes.hub, graphql, false, () -> d.revoke(hubVictim.id()), null));
        ops.add(new Op("datahub getMetadata", fakes.hub, graphql, true, () -> d.getMetadata(hubVictim.secret()), null));
        ops.add(new Op(
                "datahub rotate",
                fakes.hub,
                graphql,
                true,
                () -> d.rotate(hubVictim.id(), AccessTokenDuration.ONE_WEEK, SINK),
                null));
        return ops;
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAgainstEveryFault() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Op op : operations()) {
                for (FaultCase f : FAULTS) {
                    tests.add(DynamicTest.dynamicTest(op.name() + " x " + f.name(), () -> cell(op, f)));
                }
            }
        }
        return tests.stream();
    }

    /** When the answer the last slow fault delays has gone out: no cell starts before. */
    static volatile long slowUntil;

    static void cell(Op op, FaultCase f) throws InterruptedException {
        long wait = slowUntil - System.nanoTime();
        if (wait > 0) {
            // The fake is still sending the last slow answer: let it finish, so it cannot touch this cell.
            Thread.sleep(wait / 1_000_000 + 50);
        }
        if (f.name().equals("read timeout")) {
            slowUntil = System.nanoTime() + SLOW.toNanos();
        }
        CELLS.incrementAndGet();
        fakes.atlan.reset().clearRequests();
        fakes.alation.reset().clearRequests();
        fakes.hub.reset().clearRequests();
        int before = op.created() == null ? 0 : op.created().getAsInt();
        op.fake().failNext(1, f.fault());
        Throwable thrown = catchThrowable(op.call()::run);
        String key = op.name() + " x " + f.name();
        OUTCOMES.put(key, thrown == null ? "ok" : thrown.getClass().getSimpleName());
        if (thrown != null) {
            assertThat(thrown).as(key).isInstanceOf(CatalogKitException.class);
            assertThat(thrown.getMessage()).as(key).containsPattern(ADVICE);
            if (!op.idempotent() && f.mayHaveActed() && f.transientFault()) {
                assertThat(thrown.getMessage())
                        .as(key + ": the server may have acted")
                        .contains("may have")
                        .doesNotContain("try again later");
            }
            FAILED_WITH_ADVICE.incrementAndGet();
        } else {
            RECOVERED.incrementAndGet();
        }
        if (op.idempotent() && f.transientFault()) {
            assertThat(thrown).as(key + ": a call safe to repeat recovers").isNull();
        }
        if (!op.idempotent()) {
            // What the fake acted on: every request it received, less the one the fault refused unseen.
            boolean refusedUnseen = f.name().matches("\\d.*|drop before sending");
            int acted = op.fake().requests(op.path()).size() - (refusedUnseen ? 1 : 0);
            assertThat(acted)
                    .as(key + ": acted on; received "
                            + op.fake().requests().stream()
                                    .map(c -> c.method() + " " + c.path())
                                    .toList())
                    .isLessThanOrEqualTo(1);
            if (op.created() != null) {
                assertThat(op.created().getAsInt() - before)
                        .as(key + ": created")
                        .isBetween(0, 1);
            }
            CREATES_ACTED_ONCE_OR_NOT.incrementAndGet();
        }
    }

    @Test
    void aRateLimitOnCreateRefreshTokenGetsNoSsoHint() {
        fakes.alation.reset().clearRequests();
        fakes.alation.failNext(3, Fault.status(429));
        Throwable thrown = catchThrowable(() -> fakes.alationClient
                .refreshTokens()
                .create("jdoe@example.com", Secret.of("correct-horse-battery"), "made"));
        assertThat(thrown).isInstanceOf(CatalogKitException.class);
        assertThat(thrown.getMessage()).doesNotContain("SSO").containsPattern(ADVICE);
    }
}
