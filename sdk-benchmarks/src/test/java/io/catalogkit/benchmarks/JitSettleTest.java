package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitSettleTest {
    @Test
    void quietOnlyAfterTheMinimumAndTheWindow() {
        long[] flat = {500, 500, 500, 500, 500, 500, 500, 500};
        assertThat(JitSettle.quiet(flat, 3, 0)).as("window not yet full").isFalse();
        assertThat(JitSettle.quiet(flat, 4, 0)).isTrue();
        assertThat(JitSettle.quiet(flat, 4, 6)).as("minimum not reached").isFalse();
        assertThat(JitSettle.quiet(flat, 6, 6)).isTrue();
    }

    @Test
    void compilationInTheWindowKeepsItWarming() {
        long[] busy = {0, 900, 1800, 2000, 2050, 2080, 2100, 2100};
        assertThat(JitSettle.quiet(busy, 4, 0)).as("2050 ms compiled in 4 s").isFalse();
        assertThat(JitSettle.quiet(busy, 6, 0)).as("300 ms compiled in 4 s").isFalse();
        assertThat(JitSettle.quiet(busy, 7, 0)).as("exactly 100 ms in 4 s").isTrue();
    }

    @Test
    void withoutCompilationTimesOnlyTheMinimumCounts() {
        long[] unknown = {-1, -1, -1, -1, -1, -1};
        assertThat(JitSettle.quiet(unknown, 4, 5)).isFalse();
        assertThat(JitSettle.quiet(unknown, 5, 5)).isTrue();
    }

    @Test
    void runsTheOperationOnEveryThreadAndStopsThem() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        JitSettle.Outcome outcome = JitSettle.run(calls::incrementAndGet, 3, 0, 1);
        int after = calls.get();
        Thread.sleep(50);
        assertThat(after).isPositive();
        assertThat(calls.get()).as("no thread still runs it").isEqualTo(after);
        assertThat(outcome.line()).startsWith("SETTLE settled=").contains(" seconds=");
    }

    @Test
    void aFailingOperationEndsTheWarmUpWithItsException() {
        assertThatThrownBy(() -> JitSettle.run(
                        () -> {
                            throw new IllegalStateException("the responder is gone");
                        },
                        2,
                        0,
                        30))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the responder is gone");
    }
}
