package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The three fakes, seeded with a few tokens, and the environment that points the command line at
 * them. One per test class; {@link #reset()} returns them to the seeded state.
 */
final class Fakes implements AutoCloseable {
    static final String PERSONA = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";

    final FakeAtlan atlan = new FakeAtlan().start();
    final FakeAlation alation = new FakeAlation().start();
    final FakeDataHub hub = new FakeDataHub().start();

    final Secret atlanKey;
    final FakeAtlan.SeededToken nightly;
    final FakeAtlan.SeededToken weekly;
    final long userId;
    final Secret refresh;
    final Secret hubKey;
    final FakeDataHub.SeededAccessToken laptop;
    final FakeDataHub.SeededAccessToken ingestion;

    Fakes() {
        Instant now = hub.clock().instant();
        atlanKey = atlan.addApiToken("cli-admin").secret();
        atlan.addPersona(PERSONA, "Data Engineers");
        nightly = atlan.addApiToken("nightly-sync", "dbt nightly job", Set.of(PERSONA), 90 * 86_400L);
        weekly = atlan.addApiToken("weekly-export", "", Set.of(), 3 * 86_400L);
        atlan.markSeeded();

        userId = alation.addUser("jdoe@example.com", "correct-horse-battery").id();
        alation.refreshTokenLifespan(Duration.ofDays(30));
        refresh = alation.addRefreshToken(userId, "ci-pipeline").secret();
        alation.markSeeded();

        hub.addAdmin(ADMIN).addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
        hubKey = hub.addAccessToken(ADMIN).secret();
        laptop = hub.addAccessToken(JDOE, JDOE, "laptop", null, now, now.plus(Duration.ofDays(20)));
        ingestion = hub.addAccessToken(JDOE, ADMIN, "ingestion", "nightly", now, now.plus(Duration.ofDays(4)));
        hub.markSeeded();
    }

    void reset() {
        atlan.reset();
        alation.reset();
        hub.reset();
    }

    Map<String, String> atlanEnv() {
        return Map.of("ATLAN_BASE_URL", atlan.baseUrl(), "ATLAN_API_KEY", atlanKey.reveal());
    }

    Map<String, String> alationEnv() {
        return Map.of(
                "ALATION_BASE_URL",
                alation.baseUrl(),
                "ALATION_REFRESH_TOKEN",
                refresh.reveal(),
                "ALATION_USER_ID",
                Long.toString(userId));
    }

    Map<String, String> hubEnv() {
        return Map.of("DATAHUB_GMS_URL", hub.baseUrl(), "DATAHUB_GMS_TOKEN", hubKey.reveal());
    }

    Map<String, String> allEnv() {
        Map<String, String> env = new HashMap<>(atlanEnv());
        env.putAll(alationEnv());
        env.putAll(hubEnv());
        return env;
    }

    /** Every secret the fakes issued for the seeded tokens. */
    Secret[] secrets() {
        return new Secret[] {
            atlanKey, nightly.secret(), weekly.secret(), refresh, hubKey, laptop.secret(), ingestion.secret()
        };
    }

    static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    @Override
    public void close() {
        atlan.close();
        alation.close();
        hub.close();
    }
}
