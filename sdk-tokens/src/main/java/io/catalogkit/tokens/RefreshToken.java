package io.catalogkit.tokens;

import io.catalogkit.core.Secret;
import java.time.Instant;
import java.util.Optional;
import lombok.Builder;
import lombok.NonNull;
import lombok.Value;

/**
 * An Alation refresh token: long-lived, owned by one user, used to mint short-lived API access
 * tokens. Immutable; the value ({@link #getSecret()}) is present only in the answer that minted
 * it and is redacted from {@code toString()}.
 */
@Value
@Builder(toBuilder = true)
public class RefreshToken {
    /** The id of the user who owns the token. */
    long userId;

    /** The token's name, free text chosen at creation. */
    @NonNull
    String name;

    /** The token value, present in the answers to create and regenerate. */
    Secret secret;

    /** When the token was created. */
    @NonNull
    Instant createdAt;

    /** When the token expires, if the server said. */
    Instant expiresAt;

    /** When the token last minted an access token, if ever. */
    Instant lastUsedAt;

    /** Whether the token is usable, as the server reports it. */
    @NonNull
    @Builder.Default
    TokenStatus status = TokenStatus.UNKNOWN;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private RefreshToken(
            long userId,
            @NonNull String name,
            Secret secret,
            @NonNull Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            @NonNull TokenStatus status) {
        this.userId = userId;
        this.name = name;
        this.secret = secret;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastUsedAt = lastUsedAt;
        this.status = status;
    }

    /**
     * The token value.
     *
     * @return the secret, if this answer carried it
     */
    public Optional<Secret> getSecret() {
        return Optional.ofNullable(secret);
    }

    /**
     * When the token expires.
     *
     * @return the expiry, if reported
     */
    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * When the token was last used.
     *
     * @return the time, if it has been used
     */
    public Optional<Instant> getLastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }
}
