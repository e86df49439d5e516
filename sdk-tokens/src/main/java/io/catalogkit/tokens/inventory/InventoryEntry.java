package io.catalogkit.tokens.inventory;

import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import lombok.Builder;
import lombok.NonNull;
import lombok.Singular;
import lombok.Value;

/**
 * One token in a {@link TokenInventory}, the same model for every platform. Immutable; it never
 * holds a secret, only what identifies and describes a token.
 */
@Value
@Builder(toBuilder = true)
public class InventoryEntry {
    /** {@code getKind()} of an Atlan API token. */
    public static final String API_TOKEN = "api-token";
    /** {@code getKind()} of an Alation refresh token. */
    public static final String REFRESH_TOKEN = "refresh-token";
    /** {@code getKind()} of an Alation API access token. */
    public static final String ACCESS_TOKEN = "access-token";
    /** {@code getKind()} of an Alation OAuth client (client credentials). */
    public static final String OAUTH_CLIENT = "oauth-client";
    /** {@code getKind()} of a DataHub personal access token. */
    public static final String PERSONAL_ACCESS_TOKEN = "personal-access-token";
    /** {@code getKind()} of a DataHub service-account token. */
    public static final String SERVICE_ACCOUNT_TOKEN = "service-account-token";

    /** The platform the token lives on. */
    @NonNull
    Platform platform;

    /** What kind of token it is: one of the constants of this class. */
    @NonNull
    String kind;

    /**
     * The token's id on its platform: the Atlan GUID, the DataHub token id, or for Alation (whose
     * tokens have none) {@code <user id>:<refresh token name>}, with {@code :access-token} appended
     * for the access token minted from it.
     */
    @NonNull
    String id;

    /** The token's name, if it has one. */
    String name;

    /** Who owns it: the Atlan user who created it, the DataHub owner urn, the Alation user id. */
    String owner;

    /** When it was created. */
    Instant createdAt;

    /** When it expires; empty when it never does or the platform does not say. */
    Instant expiresAt;

    /** Whether it is usable, as of the inventory's time. */
    @NonNull
    @Builder.Default
    TokenStatus status = TokenStatus.UNKNOWN;

    /** What it may reach: the Atlan personas, the DataHub actor urn. */
    @Singular
    Set<String> scopes;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private InventoryEntry(
            @NonNull Platform platform,
            @NonNull String kind,
            @NonNull String id,
            String name,
            String owner,
            Instant createdAt,
            Instant expiresAt,
            @NonNull TokenStatus status,
            Set<String> scopes) {
        this.platform = platform;
        this.kind = kind;
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.status = status;
        this.scopes = scopes;
    }

    /**
     * The token's name.
     *
     * @return the name, if it has one
     */
    public Optional<String> getName() {
        return Optional.ofNullable(name);
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
     * @return the expiry; empty when it never expires or the platform does not say
     */
    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }
}
