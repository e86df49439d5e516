package io.catalogkit.tokens;

import io.catalogkit.core.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.NonNull;
import lombok.Singular;
import lombok.Value;

/**
 * An Atlan API token: an actor of its own (not a personal token) that sees assets through the
 * personas linked to it. Immutable; built with {@code builder()} or changed with {@code
 * toBuilder()}.
 *
 * <p>The secret ({@link #getAccessToken()}) is present only in the answer to create: Atlan never
 * shows it again. {@code toString()} shows it redacted.
 */
@Value
@Builder(toBuilder = true)
public class ApiToken {
    /** The token's GUID, Atlan's {@code id}. */
    @NonNull
    String guid;

    /** The client id, {@code apikey-<uuid>}. */
    @NonNull
    String clientId;

    /** The display name; Atlan does not require it to be unique. */
    @NonNull
    String displayName;

    /** The description, if any. */
    String description;

    /** The qualified names of the linked personas; a complete set. */
    @Singular
    Set<String> personaQualifiedNames;

    /** The secret, present only in the answer to create. */
    Secret accessToken;

    /** The lifespan the server reports, in seconds. */
    Long validitySeconds;

    /** When the token was created. */
    Instant createdAt;

    /** The username of whoever created the token. */
    String createdBy;

    /**
     * The display names of the linked personas, by qualified name, where Atlan gave them (create
     * answers carry them, lists often not): informative, so left out of {@code equals}.
     */
    @Singular
    @EqualsAndHashCode.Exclude
    Map<String, String> personaNames;

    /** The workspace permissions Atlan reports for the token: informative, left out of {@code equals}. */
    @Singular
    @EqualsAndHashCode.Exclude
    Set<String> workspacePermissions;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private ApiToken(
            @NonNull String guid,
            @NonNull String clientId,
            @NonNull String displayName,
            String description,
            Set<String> personaQualifiedNames,
            Secret accessToken,
            Long validitySeconds,
            Instant createdAt,
            String createdBy,
            Map<String, String> personaNames,
            Set<String> workspacePermissions) {
        this.guid = guid;
        this.clientId = clientId;
        this.displayName = displayName;
        this.description = description;
        this.personaQualifiedNames = personaQualifiedNames;
        this.accessToken = accessToken;
        this.validitySeconds = validitySeconds;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.personaNames = personaNames;
        this.workspacePermissions = workspacePermissions;
    }

    /**
     * The description.
     *
     * @return the description, if any
     */
    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    /**
     * The secret, to send as {@code Authorization: Bearer}.
     *
     * @return the secret; present only in the answer to create
     */
    public Optional<Secret> getAccessToken() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * The lifespan the server reports.
     *
     * @return seconds, if reported
     */
    public Optional<Long> getValiditySeconds() {
        return Optional.ofNullable(validitySeconds);
    }

    /**
     * When the token was created.
     *
     * @return the time, if reported
     */
    public Optional<Instant> getCreatedAt() {
        return Optional.ofNullable(createdAt);
    }

    /**
     * Who created the token.
     *
     * @return the username, if reported
     */
    public Optional<String> getCreatedBy() {
        return Optional.ofNullable(createdBy);
    }

    /**
     * When the token expires: created-at plus the reported lifespan. A token made as "never
     * expires" reads back with its finite ceiling. A sum beyond what {@link Instant} can hold (a
     * hostile or broken answer) saturates to {@link Instant#MAX}: later than any real time.
     *
     * @return the expiry; empty only when creation time or a positive lifespan is not reported
     */
    public Optional<Instant> getExpiresAt() {
        if (createdAt == null || validitySeconds == null || validitySeconds <= 0) {
            return Optional.empty();
        }
        long maxSeconds = Instant.MAX.getEpochSecond() - createdAt.getEpochSecond();
        return Optional.of(validitySeconds >= maxSeconds ? Instant.MAX : createdAt.plusSeconds(validitySeconds));
    }

    /**
     * The username Atlan knows this token by wherever it expects a user (an asset's admins,
     * policies).
     *
     * @return {@code "service-account-" + clientId}
     */
    public String getServiceAccountUsername() {
        return "service-account-" + clientId;
    }
}
