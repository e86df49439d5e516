package io.catalogkit.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An immutable secret string: an API key, a token value, a password.
 *
 * <p>The value is only ever handed out by {@link #reveal()}. {@link #toString()} and Jackson
 * serialization write a redacted marker instead, so a secret that ends up in a log line, an
 * exception message or a serialized model shows {@code Secret[redacted]}, never the value.
 * Two secrets are equal when their values are equal (compared in constant time).
 */
public final class Secret {
    /** What {@link #toString()} and Jackson write in place of the value. */
    public static final String REDACTED = "Secret[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the secret; must not be null or blank
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    @JsonCreator
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret value must not be blank");
        }
        return new Secret(value);
    }

    /**
     * Returns the secret value. Call it only where the value must go on the wire.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Returns the value masked except for its last four characters (fewer for short values), for
     * showing a person which secret they hold.
     *
     * @return the masked value, e.g. {@code ****************a1b2}
     */
    public String masked() {
        int visible = value.length() >= 12 ? 4 : 0;
        return "*".repeat(Math.min(16, value.length() - visible)) + value.substring(value.length() - visible);
    }

    /**
     * The marker Jackson writes for a secret.
     *
     * @return {@link #REDACTED}
     */
    @JsonValue
    String jsonValue() {
        return REDACTED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Never the value.
     *
     * @return {@link #REDACTED}
     */
    @Override
    public String toString() {
        return REDACTED;
    }
}
