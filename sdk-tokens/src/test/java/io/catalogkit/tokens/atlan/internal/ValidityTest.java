package io.catalogkit.tokens.atlan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.tokens.StderrCapture;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("logs") // reads what catalogkit logs: runs with io.catalogkit at TRACE
class ValidityTest {
    private static final Instant Y2026 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant Y2034 = Instant.parse("2034-01-01T00:00:00Z");
    private static final long LAST_32BIT = 2_147_483_647L;

    @Test
    void neverExpiringValuesGetTheFiveYearCeilingBefore2033() {
        assertThat(Validity.toWire(null, Y2026)).isEqualTo(157_680_000L);
        assertThat(Validity.toWire(-1L, Y2026)).isEqualTo(157_680_000L);
        assertThat(Validity.toWire(Long.MIN_VALUE, Y2026)).isEqualTo(157_680_000L);
        assertThat(Validity.toWire(409_968_000L, Y2026)).isEqualTo(157_680_000L);
    }

    @Test
    void after2033TheCeilingKeepsTheExpiryAnHourBefore2038() {
        long expected = LAST_32BIT - Y2034.getEpochSecond() - 3600;
        assertThat(expected).isEqualTo(127_793_647L);
        assertThat(Validity.toWire(null, Y2034)).isEqualTo(expected);
        assertThat(Validity.toWire(409_968_000L, Y2034)).isEqualTo(expected);
        assertThat(Validity.toWire(157_680_000L, Y2034)).isEqualTo(expected);
        assertThat(Y2034.getEpochSecond() + Validity.toWire(null, Y2034)).isEqualTo(LAST_32BIT - 3600);
        // The second term starts to bind on 2033-01-20T02:14:07Z.
        assertThat(Validity.ceiling(Instant.parse("2033-01-20T02:14:07Z"))).isEqualTo(157_680_000L);
        assertThat(Validity.ceiling(Instant.parse("2033-01-20T02:14:08Z"))).isEqualTo(157_679_999L);
    }

    @Test
    void positiveValuesUpToTheCeilingAreSentAsGiven() {
        assertThat(Validity.toWire(1L, Y2026)).isEqualTo(1L);
        assertThat(Validity.toWire(3600L, Y2026)).isEqualTo(3600L);
        assertThat(Validity.toWire(157_680_000L, Y2026)).isEqualTo(157_680_000L);
        assertThat(Validity.toWire(127_793_647L, Y2034)).isEqualTo(127_793_647L);
    }

    @Test
    void longerValuesAreClampedWithAWarningNamingTheValueSent() {
        try (StderrCapture err = new StderrCapture()) {
            assertThat(Validity.toWire(157_680_001L, Y2026)).isEqualTo(157_680_000L);
            assertThat(err.text())
                    .contains("WARN")
                    .contains("validitySeconds 157680001")
                    .contains("sending validitySeconds 157680000");
        }
        try (StderrCapture err = new StderrCapture()) {
            assertThat(Validity.toWire(200_000_000L, Y2034)).isEqualTo(127_793_647L);
            assertThat(err.text()).contains("WARN").contains("sending validitySeconds 127793647");
        }
        try (StderrCapture err = new StderrCapture()) {
            Validity.toWire(100L, Y2026);
            Validity.toWire(null, Y2026);
            assertThat(err.text()).doesNotContain("WARN");
        }
    }

    @Test
    void zeroIsRejected() {
        assertThatThrownBy(() -> Validity.toWire(0L, Y2026))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validitySeconds must not be 0");
    }

    @Test
    void nothingCanBeSentWithinTheLastHourBefore2038() {
        assertThat(Validity.toWire(null, Instant.parse("2038-01-19T02:14:06Z"))).isEqualTo(1L);
        assertThatThrownBy(() -> Validity.toWire(null, Instant.parse("2038-01-19T02:14:07Z")))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("2038-01-19T03:14:07Z")
                .hasMessageContaining("nothing was sent");
        assertThatThrownBy(() -> Validity.toWire(10L, Instant.parse("2040-01-01T00:00:00Z")))
                .isInstanceOf(CatalogKitException.class);
    }

    static Stream<Arguments> randomCases() {
        Random random = new Random(20260301L);
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = LAST_32BIT - 3601;
        return Stream.generate(() -> {
                    long now = from + (long) (random.nextDouble() * (to - from));
                    long requested = switch (random.nextInt(4)) {
                        case 0 -> -1L - random.nextInt(1000);
                        case 1 -> 409_968_000L;
                        case 2 -> 1L + random.nextInt(400_000_000);
                        default -> Long.MAX_VALUE - random.nextInt(1000);
                    };
                    return Arguments.of(Instant.ofEpochSecond(now), requested);
                })
                .limit(200);
    }

    @ParameterizedTest
    @MethodSource("randomCases")
    void whatIsSentIsPositiveAtMostFiveYearsAndExpiresBefore2038(Instant now, long requested) {
        long sent;
        try (StderrCapture quiet = new StderrCapture()) {
            sent = Validity.toWire(requested, now);
        }
        assertThat(sent).isPositive().isLessThanOrEqualTo(157_680_000L);
        assertThat(now.getEpochSecond() + sent).isLessThanOrEqualTo(LAST_32BIT - 3600);
        if (requested > 0 && requested != 409_968_000L && requested <= Validity.ceiling(now)) {
            assertThat(sent).isEqualTo(requested);
        }
    }
}
