package io.catalogkit.tokens.datahub;

import java.time.Instant;
import java.util.Optional;
import lombok.Builder;
import lombok.NonNull;
import lombok.Value;

/**
 * A DataHub service account (Core 1.4 and later): a non-human actor whose tokens act as it.
 * Immutable. Its urn is the server's: take it from {@link ServiceAccountService} answers, never
 * build it.
 */
@Value
@Builder(toBuilder = true)
public class ServiceAccount {
    /** The account's urn, what its tokens act as. */
    @NonNull
    String urn;

    /** The account's unique name. */
    @NonNull
    String name;

    /** The name shown in DataHub's UI. */
    String displayName;

    /** What the account is for. */
    String description;

    /** The urn of whoever created it. */
    String createdBy;

    /** When it was created (DataHub may leave it out of lists). */
    Instant createdAt;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private ServiceAccount(
            @NonNull String urn,
            @NonNull String name,
            String displayName,
            String description,
            String createdBy,
            Instant createdAt) {
        this.urn = urn;
        this.name = name;
        this.displayName = displayName;
        this.description = description;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /**
     * The name shown in DataHub's UI.
     *
     * @return the display name, if set
     */
    public Optional<String> getDisplayName() {
        return Optional.ofNullable(displayName);
    }

    /**
     * What the account is for.
     *
     * @return the description, if set
     */
    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    /**
     * Who created the account.
     *
     * @return the creator's urn, if the server said
     */
    public Optional<String> getCreatedBy() {
        return Optional.ofNullable(createdBy);
    }

    /**
     * When the account was created.
     *
     * @return the time, if the server said (lists may leave it out)
     */
    public Optional<Instant> getCreatedAt() {
        return Optional.ofNullable(createdAt);
    }
}
