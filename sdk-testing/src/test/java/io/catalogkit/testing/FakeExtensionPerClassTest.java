package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static field: one fake for the class, back in its seeded state before every test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeExtensionPerClassTest {
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final String PERSONA = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";

    @RegisterExtension
    static final FakeExtension<FakeAtlan> ATLAN = FakeExtension.of(() -> new FakeAtlan(new FakeClock(START)))
            .seed(atlan -> atlan.addPersona(PERSONA, "Engineers"))
            .client(
                    BearerClient.class,
                    atlan -> new BearerClient(
                            atlan.baseUrl(), atlan.addApiToken("ci").secret()));

    private static FakeAtlan first;
    private static BearerClient firstClient;

    @BeforeAll
    static void seedMore(FakeAtlan atlan) {
        atlan.addApiToken("from-before-all");
    }

    @BeforeEach
    void addPerTest(FakeAtlan atlan) {
        assertThat(atlan.tokenGuids("per-test"))
                .as("what @BeforeEach added is gone at the reset")
                .isEmpty();
        atlan.addApiToken("per-test");
    }

    @Test
    @Order(1)
    void theFakeIsStartedSeededAndHandedOver(FakeAtlan atlan, BearerClient client) {
        first = atlan;
        firstClient = client;
        assertThat(ATLAN.fake()).isSameAs(atlan);
        assertThat(ATLAN.client(BearerClient.class)).isSameAs(client);
        assertThat(client.baseUrl).isEqualTo(atlan.baseUrl());
        assertThat(client.get("/api/service/users/current")).isEqualTo(200);
        assertThat(atlan.tokenGuids("ci")).hasSize(1);
        assertThat(atlan.tokenGuids("from-before-all")).hasSize(1);
        assertThat(atlan.clock().instant()).isEqualTo(START);

        atlan.addApiToken("made-in-the-first-test", "", java.util.Set.of(PERSONA), 60L);
        atlan.clock().advance(Duration.ofDays(1));
        atlan.failNext(1, Fault.status(503)).omitCounts(true);
    }

    @Test
    @Order(2)
    void theNextTestGetsTheSameFakeInItsSeededState(FakeAtlan atlan, BearerClient client) {
        assertThat(atlan).isSameAs(first);
        assertThat(client).isSameAs(firstClient);
        assertThat(atlan.tokenGuids("made-in-the-first-test")).isEmpty();
        assertThat(atlan.tokenGuids("from-before-all"))
                .as("@BeforeAll seeding is kept")
                .hasSize(1);
        assertThat(atlan.tokenCount()).isEqualTo(3);
        assertThat(atlan.clock().instant()).isEqualTo(START);
        assertThat(atlan.requests()).isEmpty();
        assertThat(client.get("/api/service/users/current"))
                .as("no fault left over, and the client's token survived the reset")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void aTestCanResetTheFakeItself(FakeAtlan atlan) {
        atlan.addApiToken("x");
        assertThat(atlan.reset().tokenCount())
                .as("ci and from-before-all, not per-test")
                .isEqualTo(2);
    }

    @AfterAll
    static void stillRunningUntilTheExtensionClosesIt() {
        assertThat(first.isClosed()).isFalse();
        assertThat(firstClient.isClosed()).isFalse();
    }
}
