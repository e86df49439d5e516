package io.catalogkit.tokens.atlan.internal;

import io.catalogkit.core.CatalogKitException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validity rule for new API tokens. Atlan's identity server keeps a token's expiry as a signed
 * 32-bit epoch second, so a token whose expiry passes 2038-01-19T03:14:07Z is expired at birth; and
 * Atlan's SDKs cap "never expires" at 5 years. Hence: null, negative and 409968000 mean "never",
 * which is sent as {@code min(157680000, 2147483647 - now - 3600)}; larger positive values are
 * clamped to the same ceiling; 0 is rejected.
 */
final class Validity {
    /** The never-expiring value Atlan documents (13 years), which no longer fits before 2038. */
    static final long DOCUMENTED_NEVER = 409_968_000L;
    /** The longest validity Atlan's SDKs send: 5 years. */
    static final long MAX_SECONDS = 157_680_000L;
    /** The last second a signed 32-bit epoch can hold: 2038-01-19T03:14:07Z. */
    static final long LAST_32BIT_SECOND = Integer.MAX_VALUE;
    /** Kept clear of the 32-bit limit for clock skew between us and the server. */
    static final long SKEW_MARGIN_SECONDS = 3600L;

    private static final Logger LOG = LoggerFactory.getLogger(Validity.class);

    private Validity() {}

    /**
     * The longest validity that can be sent at a given time.
     *
     * @param now the current time
     * @return seconds; 0 or less when none fits any more
     */
    static long ceiling(Instant now) {
        return Math.min(MAX_SECONDS, LAST_32BIT_SECOND - now.getEpochSecond() - SKEW_MARGIN_SECONDS);
    }

    /**
     * The validity to send for a requested one.
     *
     * @param requested the caller's value: null or negative or {@link #DOCUMENTED_NEVER} for never
     * @param now the current time
     * @return seconds, positive
     * @throws IllegalArgumentException for 0
     * @throws CatalogKitException when no validity fits before 2038 any more
     */
    static long toWire(Long requested, Instant now) {
        if (requested != null && requested == 0L) {
            throw new IllegalArgumentException("validitySeconds must not be 0: pass a positive number of seconds,"
                    + " or null (or a negative value) for a token that never expires");
        }
        long ceiling = ceiling(now);
        if (ceiling <= 0) {
            throw new CatalogKitException("Atlan create API token: at " + now + " no validity fits before"
                    + " 2038-01-19T03:14:07Z, the last expiry Atlan's identity server can store (a signed 32-bit"
                    + " epoch second); nothing was sent");
        }
        if (requested == null || requested < 0 || requested == DOCUMENTED_NEVER) {
            LOG.debug(
                    "Atlan create API token: never-expiring token requested; sending validitySeconds {} (expires {})",
                    ceiling,
                    now.plusSeconds(ceiling));
            return ceiling;
        }
        if (requested > ceiling) {
            LOG.warn(
                    "Atlan create API token: validitySeconds {} is longer than Atlan can store (at most 5 years,"
                            + " and expiring before 2038-01-19T03:14:07Z); sending validitySeconds {} instead"
                            + " (expires {})",
                    requested,
                    ceiling,
                    now.plusSeconds(ceiling));
            return ceiling;
        }
        return requested;
    }
}
