package io.catalogkit.tokens.inventory;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import io.catalogkit.tokens.datahub.ServiceAccount;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What one platform's client can list, as inventory entries, lazily and page by page. A limit the
 * platform has (a list it cannot give) goes to the gap consumer; a failure is thrown from the
 * stream.
 */
interface Source {
    /** Atlan's expiry is a signed 32-bit epoch second: a token expiring later is dead from birth. */
    Instant LAST_32BIT_SECOND = Instant.ofEpochSecond(Integer.MAX_VALUE);

    /**
     * The platform.
     *
     * @return the platform
     */
    Platform platform();

    /**
     * The entries, fetched as the stream reaches them.
     *
     * @param asOf the time statuses are judged at
     * @param gap takes what cannot be listed, and why, without the platform's name
     * @return the entries
     */
    Stream<InventoryEntry> entries(Instant asOf, Consumer<String> gap);

    /**
     * A stream made only when a terminal operation reaches it, and pulled element by element (a
     * {@code Stream.of(x).flatMap(...)} would drain every page at once when the caller stops
     * early).
     */
    private static <T> Stream<T> deferred(Supplier<Stream<T>> stream) {
        return StreamSupport.stream(() -> stream.get().spliterator(), Spliterator.ORDERED, false);
    }

    /** Atlan API tokens, with their personas. */
    static Source atlan(AtlanClient client, int pageSize) {
        return new Source() {
            @Override
            public Platform platform() {
                return Platform.ATLAN;
            }

            @Override
            public Stream<InventoryEntry> entries(Instant asOf, Consumer<String> gap) {
                return deferred(() -> client.apiTokens().list(0, pageSize).autoPager())
                        .map(t -> atlanEntry(t, asOf));
            }
        };
    }

    private static InventoryEntry atlanEntry(ApiToken t, Instant asOf) {
        Instant expires = t.getExpiresAt().orElse(null);
        TokenStatus status =
                expires != null && expires.isAfter(LAST_32BIT_SECOND) ? TokenStatus.EXPIRED : TokenStatus.ACTIVE;
        return InventoryEntry.builder()
                .platform(Platform.ATLAN)
                .kind(InventoryEntry.API_TOKEN)
                .id(t.getGuid())
                .name(t.getDisplayName())
                .owner(t.getCreatedBy().orElse(null))
                .createdAt(t.getCreatedAt().orElse(null))
                .expiresAt(expires)
                .status(judged(status, expires, asOf))
                .scopes(t.getPersonaQualifiedNames())
                .build();
    }

    /** Every DataHub token for an admin; for anyone else their own, and a gap saying so. */
    static Source datahub(DataHubClient client, int pageSize) {
        return new Source() {
            @Override
            public Platform platform() {
                return Platform.DATAHUB;
            }

            @Override
            public Stream<InventoryEntry> entries(Instant asOf, Consumer<String> gap) {
                return deferred(() -> {
                    DataHubTokenService tokens = client.accessTokens();
                    Page<AccessToken> first;
                    Set<String> accounts;
                    try {
                        first = tokens.list(0, pageSize, null);
                        accounts = serviceAccounts(gap);
                    } catch (PermissionDeniedException notAdmin) {
                        String me = client.actorUrn().orElseThrow(() -> notAdmin);
                        gap.accept(me + " may not list every token (that needs 'Manage All Access Tokens'), so only"
                                + " the tokens it owns are listed; tokens others made for it are not");
                        first = tokens.list(0, pageSize, me);
                        accounts = Set.of();
                    }
                    Set<String> serviceAccounts = accounts;
                    return first.autoPager().map(t -> dataHubEntry(t, serviceAccounts, asOf));
                });
            }

            /**
             * The urns of the service accounts, whose tokens are listed as theirs; none on a server
             * without service accounts, and a gap when they may not be listed.
             */
            private Set<String> serviceAccounts(Consumer<String> gap) {
                try {
                    return client.serviceAccounts()
                            .list(0, pageSize, null)
                            .autoPager()
                            .map(ServiceAccount::getUrn)
                            .collect(Collectors.toUnmodifiableSet());
                } catch (ApiException e) {
                    if (e.getMessage() != null && e.getMessage().contains("has no service accounts")) {
                        return Set.of(); // older than Core 1.4: every token is a personal one
                    }
                    gap.accept("the service accounts could not be listed ("
                            + e.getClass().getSimpleName()
                            + (e instanceof PermissionDeniedException ? ": that needs 'Manage Service Accounts'" : "")
                            + "), so their tokens are listed as personal access tokens");
                    return Set.of();
                }
            }
        };
    }

    private static InventoryEntry dataHubEntry(AccessToken t, Set<String> serviceAccounts, Instant asOf) {
        Instant expires = t.getExpiresAt().orElse(null);
        String actor = t.getActor().orElse(null);
        boolean ofServiceAccount = actor != null && serviceAccounts.contains(actor);
        InventoryEntry.InventoryEntryBuilder b = InventoryEntry.builder()
                .platform(Platform.DATAHUB)
                .kind(ofServiceAccount ? InventoryEntry.SERVICE_ACCOUNT_TOKEN : InventoryEntry.PERSONAL_ACCESS_TOKEN)
                .id(t.getId().orElse("(no id)"))
                .name(t.getName().orElse(null))
                // a service account's token is the account's, whoever made it
                .owner(ofServiceAccount ? actor : t.getOwner().orElse(null))
                .createdAt(t.getCreatedAt().orElse(null))
                .expiresAt(expires)
                .status(judged(t.getStatus(), expires, asOf));
        t.getActor().ifPresent(b::scope);
        return b.build();
    }

    /**
     * What Alation's public API shows: the client's own refresh token and its current access token,
     * or its OAuth client.
     */
    static Source alation(AlationClient client) {
        return new Source() {
            @Override
            public Platform platform() {
                return Platform.ALATION;
            }

            @Override
            public Stream<InventoryEntry> entries(Instant asOf, Consumer<String> gap) {
                return deferred(() -> {
                    gap.accept("no public API lists a user's refresh tokens or access tokens; only this client's own"
                            + " refresh token and its current access token (or its OAuth client) are listed");
                    Optional<RefreshToken> own = client.ownRefreshToken();
                    if (own.isEmpty()) {
                        Optional<AccessToken> oauth = client.ownOAuthToken();
                        if (oauth.isPresent()) {
                            return Stream.of(alationOAuthEntry(oauth.get(), asOf));
                        }
                        gap.accept("this client holds no refresh token, so it has no token to list");
                        return Stream.empty();
                    }
                    RefreshToken refresh = own.get();
                    InventoryEntry refreshEntry = alationRefreshEntry(refresh, asOf);
                    if (refreshEntry.getStatus() != TokenStatus.ACTIVE) {
                        gap.accept("the client's refresh token is " + refreshEntry.getStatus()
                                + ", so it has no current access token");
                        return Stream.of(refreshEntry);
                    }
                    // The access token is read only when the stream gets that far.
                    return Stream.concat(
                            Stream.of(refreshEntry),
                            Stream.of(refresh).map(r -> alationAccessEntry(client, r, refreshEntry.getId(), asOf)));
                });
            }
        };
    }

    private static InventoryEntry alationRefreshEntry(RefreshToken t, Instant asOf) {
        Instant expires = t.getExpiresAt().orElse(null);
        return InventoryEntry.builder()
                .platform(Platform.ALATION)
                .kind(InventoryEntry.REFRESH_TOKEN)
                .id(t.getUserId() + ":" + t.getName())
                .name(t.getName())
                .owner(Long.toString(t.getUserId()))
                .createdAt(t.getCreatedAt())
                .expiresAt(expires)
                .status(judged(t.getStatus(), expires, asOf))
                .build();
    }

    /**
     * The client's OAuth client: its id, and the state of its current JWT (whose short life the
     * client renews, so no expiry is shown for the client).
     */
    private static InventoryEntry alationOAuthEntry(AccessToken jwt, Instant asOf) {
        String clientId = jwt.getName().orElseThrow();
        return InventoryEntry.builder()
                .platform(Platform.ALATION)
                .kind(InventoryEntry.OAUTH_CLIENT)
                .id(clientId)
                .name(clientId)
                .owner(jwt.getOwner().orElse(null))
                .status(judged(jwt.getStatus(), null, asOf))
                .build();
    }

    private static InventoryEntry alationAccessEntry(
            AlationClient c, RefreshToken refresh, String refreshId, Instant asOf) {
        AccessToken t = c.accessTokens().validate(c.currentAccessToken(), refresh.getUserId());
        Instant expires = t.getExpiresAt().orElse(null);
        return InventoryEntry.builder()
                .platform(Platform.ALATION)
                .kind(InventoryEntry.ACCESS_TOKEN)
                .id(refreshId + ":access-token")
                .owner(Long.toString(refresh.getUserId()))
                .createdAt(t.getCreatedAt().orElse(null))
                .expiresAt(expires)
                .status(judged(t.getStatus(), expires, asOf))
                .build();
    }

    /** A token past its expiry at {@code asOf} is expired, whatever was said when it was read. */
    private static TokenStatus judged(TokenStatus said, Instant expires, Instant asOf) {
        if (said != TokenStatus.REVOKED && expires != null && !expires.isAfter(asOf)) {
            return TokenStatus.EXPIRED;
        }
        return said;
    }
}
