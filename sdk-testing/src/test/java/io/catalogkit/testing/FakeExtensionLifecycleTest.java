package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small test classes (the nested {@code *Sample} classes, which surefire does not run by
 * itself) and checks from outside what the extension did: what it closed, and when.
 */
class FakeExtensionLifecycleTest {
    /** What a sample saw: the fakes and clients handed to its tests, in order. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    private static final String SAMPLES = "io.catalogkit.testing.samples";

    private static EngineExecutionResults run(Class<?> sample) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(SAMPLES, "true")
                .selectors(selectClass(sample))
                .execute();
    }

    /** Keeps the samples from running on their own, e.g. under {@code -Dtest='FakeExtension*'}. */
    static final class SampleOnly implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SAMPLES).isPresent()
                    ? ConditionEvaluationResult.enabled("run by FakeExtensionLifecycleTest")
                    : ConditionEvaluationResult.disabled("a sample that FakeExtensionLifecycleTest runs");
        }
    }

    /** Two tests that record the fake and client they are handed. */
    abstract static class RecordingSample {
        @Test
        void one(FakeAlation fake, BearerClient client) {
            SEEN.add(fake);
            SEEN.add(client);
        }

        @Test
        void two(FakeAlation fake, BearerClient client) {
            SEEN.add(fake);
            SEEN.add(client);
        }
    }

    @ExtendWith(SampleOnly.class)
    static class PerClassSample extends RecordingSample {
        @RegisterExtension
        static final FakeExtension<FakeAlation> ALATION = FakeExtension.of(FakeAlation::new)
                .client(BearerClient.class, fake -> new BearerClient(fake.baseUrl(), null));
    }

    @Test
    void aPerClassFakeAndItsClientsAreClosedAfterTheLastTest() {
        run(PerClassSample.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(2));
        assertThat(SEEN.get(1)).isSameAs(SEEN.get(3));
        assertThat(((FakeAlation) SEEN.get(0)).isClosed()).isTrue();
        assertThat(((BearerClient) SEEN.get(1)).isClosed()).isTrue();
        assertThatThrownBy(PerClassSample.ALATION::fake)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no fake is running");
    }

    @ExtendWith(SampleOnly.class)
    static class PerTestSample extends RecordingSample {
        @RegisterExtension
        final FakeExtension<FakeAlation> alation = FakeExtension.of(FakeAlation::new)
                .client(BearerClient.class, fake -> new BearerClient(fake.baseUrl(), null));
    }

    @Test
    void perTestFakesAreDistinctAndEachIsClosedWithItsClients() {
        run(PerTestSample.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(2));
        assertThat(SEEN)
                .allSatisfy(o -> assertThat(o instanceof FakeAlation f ? f.isClosed() : ((BearerClient) o).isClosed())
                        .isTrue());
    }

    @ExtendWith(SampleOnly.class)
    static class FailingSeedSample {
        @RegisterExtension
        static final FakeExtension<FakeDataHub> HUB = FakeExtension.of(() -> {
                    FakeDataHub hub = new FakeDataHub();
                    SEEN.add(hub);
                    return hub;
                })
                .seed(hub -> {
                    throw new IllegalStateException("seeding failed");
                });

        @Test
        void never() {}
    }

    @Test
    void aFailingSeedFailsTheClassAndLeavesNoServerRunning() {
        run(FailingSeedSample.class).containerEvents().assertStatistics(s -> s.failed(1));
        assertThat(SEEN).hasSize(1);
        assertThat(((FakeDataHub) SEEN.get(0)).isClosed()).isTrue();
    }

    @ExtendWith(SampleOnly.class)
    static class OuterSample {
        @RegisterExtension
        static final FakeExtension<FakeAtlan> ATLAN = FakeExtension.of(FakeAtlan::new);

        @RegisterExtension
        static final FakeExtension<FakeDataHub> HUB = FakeExtension.of(FakeDataHub::new);

        @Test
        void outer(FakeAtlan atlan, FakeDataHub hub) {
            SEEN.add(atlan);
            SEEN.add(hub);
            atlan.addApiToken("leaks?");
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeAtlan atlan, FakeDataHub hub) {
                SEEN.add(atlan);
                SEEN.add(hub);
                assertThat(atlan.tokenCount()).isZero();
            }
        }
    }

    @Test
    void nestedClassesShareTheOuterFakeResetAndTwoFakesResolveSideBySide() {
        run(OuterSample.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isInstanceOf(FakeAtlan.class).isSameAs(SEEN.get(2));
        assertThat(SEEN.get(1)).isInstanceOf(FakeDataHub.class).isSameAs(SEEN.get(3));
        assertThat(((FakeAtlan) SEEN.get(0)).isClosed()).isTrue();
        assertThat(((FakeDataHub) SEEN.get(1)).isClosed()).isTrue();
    }

    @Test
    void outsideItsLifecycleTheExtensionSaysWhatIsMissing() throws Exception {
        FakeExtension<FakeAtlan> ext = FakeExtension.of(FakeAtlan::new);
        assertThatThrownBy(ext::fake).isInstanceOf(IllegalStateException.class);
        ext.beforeEach(null); // what JUnit does for an instance field
        try {
            assertThat(ext.fake().isClosed()).isFalse();
            assertThatThrownBy(() -> ext.client(BearerClient.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BearerClient");
        } finally {
            ext.afterEach(null);
        }
        assertThatThrownBy(ext::fake).hasMessageContaining("no fake is running");
    }
}
