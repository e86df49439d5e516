package io.catalogkit.tokens;

import io.catalogkit.core.Secret;
import java.time.Instant;
import java.util.Optional;
import lombok.Builder;
import lombok.NonNull;
import lombok.Value;

/**
 * An access token: an Alation API access token or a DataHub personal access token. Immutable; the
 * value ({@link #getSecret()}) is present only in the answer that minted it and is redacted from
 * {@code toString()}. Fields a platform does not have stay empty.
 */
@Value
@Builder(toBuilder = true)
public class AccessToken {
    /** The token's id (DataHub: the salted hash that revoke takes); empty for Alation. */
    String id;

    /** The token's name (DataHub). */
    String name;

    /** The token's description (DataHub). */
    String description;

    /** The token value, present only in the answer that minted it. */
    Secret secret;

    /** Who owns the token: the Alation user id as text, or the DataHub owner urn. */
    String owner;

    /** Whom the token acts as (DataHub actor urn). */
    String actor;

    /** When the token was created. */
    Instant createdAt;

    /** When the token expires; empty when it never does or the platform did not say. */
    Instant expiresAt;

    /** Whether the token is usable. */
    @NonNull
    @Builder.Default
    TokenStatus status = TokenStatus.UNKNOWN;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private AccessToken(
            String id,
            String name,
            String description,
            Secret secret,
            String owner,
            String actor,
            Instant createdAt,
            Instant expiresAt,
            @NonNull TokenStatus status) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.secret = secret;
        this.owner = owner;
        this.actor = actor;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.status = status;
    }

    /**
     * The token's id.
     *
     * @return the id, if the platform has one
     */
    public Optional<String> getId() {
        return Optional.ofNullable(id);
    }

    /**
     * The token's name.
     *
     * @return the name, if any
     */
    public Optional<String> getName() {
        return Optional.ofNullable(name);
    }

    /**
     * The token's description.
     *
     * @return the description, if any
     */
    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
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
     * Who owns the token.
     *
     * @return the owner, if known
     */
    public Optional<String> getOwner() {
        return Optional.ofNullable(owner);
    }

    /**
     * Whom the token acts as.
     *
     * @return the actor urn, if known
     */
    public Optional<String> getActor() {
        return Optional.ofNullable(actor);
    }

    /**
     * When the token was created.
     *
     * @return the time, if known
     */
    public Optional<Instant> getCreatedAt() {
        return Optional.ofNullable(createdAt);
    }

    /**
     * When the token expires.
     *
     * @return the expiry; empty when it never expires or is not known
     */
    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }
}
