package io.catalogkit.tokens.datahub;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a DataHub personal access token lives, with DataHub's own enum names (sent as they are).
 * A month is 30 days and a year 365, as DataHub counts them.
 */
public enum AccessTokenDuration {
    /** One hour. */
    ONE_HOUR(Duration.ofHours(1)),
    /** One day. */
    ONE_DAY(Duration.ofDays(1)),
    /** One week (refused by DataHub versions before PR #14145). */
    ONE_WEEK(Duration.ofDays(7)),
    /** 30 days. */
    ONE_MONTH(Duration.ofDays(30)),
    /** 90 days. */
    THREE_MONTHS(Duration.ofDays(90)),
    /** 180 days. */
    SIX_MONTHS(Duration.ofDays(180)),
    /** 365 days. */
    ONE_YEAR(Duration.ofDays(365)),
    /** Never expires (newer servers refuse it unless {@code ACCESS_TOKEN_ALLOW_NO_EXPIRY=true}). */
    NO_EXPIRY(null);

    private final Duration lifetime;

    AccessTokenDuration(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /**
     * The lifetime DataHub gives a token of this duration.
     *
     * @return the lifetime; empty for {@link #NO_EXPIRY}
     */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }
}
