package io.catalogkit.tokens;

import java.util.Locale;

/** Whether a token can still be used, as far as the platform tells. */
public enum TokenStatus {
    /** Usable. */
    ACTIVE,
    /** Past its expiry. */
    EXPIRED,
    /** Revoked before its expiry. */
    REVOKED,
    /** The platform did not say, or said something catalogkit does not know. */
    UNKNOWN;

    /**
     * Reads a status leniently: any case, surrounding space ignored; anything else is {@link
     * #UNKNOWN}.
     *
     * @param text the platform's status text, may be null
     * @return the status
     */
    public static TokenStatus parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "ACTIVE":
                return ACTIVE;
            case "EXPIRED":
                return EXPIRED;
            case "REVOKED":
                return REVOKED;
            default:
                return UNKNOWN;
        }
    }
}
