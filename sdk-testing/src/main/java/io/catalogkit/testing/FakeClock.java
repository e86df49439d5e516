package io.catalogkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until moved. Thread-safe. Pass the same instance to a fake and to the
 * client under test so that expiry can be tested without sleeping.
 */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    /**
     * A clock set to the given instant.
     *
     * @param start the time it shows
     */
    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock set to the current system time (truncated to milliseconds). */
    public FakeClock() {
        this(Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; must not be negative
     * @return the new time
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a FakeClock only moves forward, was " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Sets the time.
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("FakeClock is always UTC");
    }
}
