package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's own API token on assets (section 4 of the wire contract): adds it to an asset's
 * {@code adminUsers} or {@code viewerUsers} with a user's impersonation token, and finds the assets
 * where a token's user is an admin or viewer. Only assets the searching bearer may read are found.
 * Thread-safe and stateless apart from its API.
 */
final class AssetAccess {
    /** Assets per page of {@link #grantsOf}. */
    static final int PAGE_SIZE = 100;
    /** Elasticsearch's default result window: no page may end past it. */
    static final int MAX_RESULTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AssetAccess.class);

    private final AtlanApi api;

    /**
     * Creates the asset access.
     *
     * @param api the client's API
     */
    AssetAccess(AtlanApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * Adds the client's own API token to an asset's admins.
     *
     * @param assetGuid the asset's GUID
     * @param impersonationToken the bearer of a user who administers the asset
     */
    void addAsAdmin(String assetGuid, Secret impersonationToken) {
        addToAsset(assetGuid, impersonationToken, AtlanWire.ADMIN_USERS, "add API token as admin");
    }

    /**
     * Adds the client's own API token to a collection's viewers.
     *
     * @param collectionGuid the collection's GUID
     * @param impersonationToken the bearer of a user who administers the collection
     */
    void addAsViewer(String collectionGuid, Secret impersonationToken) {
        addToAsset(collectionGuid, impersonationToken, AtlanWire.VIEWER_USERS, "add API token as viewer");
    }

    private void addToAsset(String assetGuid, Secret impersonationToken, String attribute, String operation) {
        Args.id(assetGuid, attribute.equals(AtlanWire.VIEWER_USERS) ? "collectionGuid" : "assetGuid");
        Args.headerSafe(impersonationToken, "impersonationToken");
        String username = currentUsername(operation, impersonationToken);
        AtlanWire.Asset asset = findAsset(operation, assetGuid, attribute, impersonationToken)
                .orElseThrow(() -> notVisible(operation, assetGuid));
        if (asset.users().contains(username)) {
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Atlan {}: {} is already in {} of {}; nothing sent",
                        operation,
                        quote(username, impersonationToken),
                        attribute,
                        assetGuid);
            }
            return;
        }
        List<String> users = new ArrayList<>(asset.users());
        users.add(username);
        Answer ex = api.saveAsset(operation, asset, attribute, users, assetGuid, impersonationToken);
        JsonNode mutated = ex.object().map(b -> b.path("mutatedEntities")).orElse(null);
        if (mutated != null && matches(mutated.get("UPDATE"), asset, assetGuid)) {
            return;
        }
        if (mutated != null && matches(mutated.get("CREATE"), asset, null)) {
            throw new CatalogKitException("Atlan " + operation + ": saving asset " + assetGuid + " created a new "
                    + quote(asset.typeName(), impersonationToken)
                    + " instead of updating it (its qualified name matched nothing); check"
                    + " the new asset in Atlan and delete it");
        }
        // No UPDATE: Atlas saw no change, or did not say. Read once more to be sure.
        Optional<AtlanWire.Asset> after = findAsset(operation, assetGuid, attribute, impersonationToken);
        if (after.isPresent() && after.get().users().contains(username)) {
            return;
        }
        throw new CatalogKitException("Atlan " + operation + ": Atlan accepted the save of asset " + assetGuid
                + " but " + quote(username, impersonationToken) + " is not in its " + attribute
                + "; nothing else was changed by catalogkit."
                + " Check the asset in Atlan and try again.");
    }

    /**
     * The user the client's own API key belongs to, which must be an API token's.
     *
     * @param operation what the caller asked for, for messages
     * @param impersonationToken the impersonation token of the call (not sent here), or null
     * @return the username, {@code service-account-apikey-...}
     * @throws CatalogKitException when the key is a person's
     */
    String currentUsername(String operation, Secret impersonationToken) {
        String username = AtlanWire.username(api.currentUser(operation, impersonationToken));
        if (!username.startsWith(AtlanWire.SERVICE_ACCOUNT_PREFIX)) {
            throw new CatalogKitException("Atlan " + operation + ": the client's API key belongs to user '"
                    + quote(username, impersonationToken)
                    + "', not to an API token (whose user is named service-account-apikey-...); catalogkit adds only"
                    + " the client's own API token, never a person. Build the client with an API token's secret.");
        }
        return username;
    }

    /**
     * The assets where a user is an admin or a viewer.
     *
     * @param username e.g. {@code service-account-apikey-...}
     * @param bearer the bearer to search with, or null for the client's own key
     * @return the assets, in GUID order; at most {@value #MAX_RESULTS}
     */
    List<AtlanWire.Grant> grantsOf(String username, Secret bearer) {
        List<AtlanWire.Grant> out = new ArrayList<>();
        for (int from = 0; from < MAX_RESULTS; from += PAGE_SIZE) {
            AtlanWire.Grants page = AtlanWire.grants(api.findGrants(username, from, PAGE_SIZE, bearer), username);
            out.addAll(page.grants());
            Long count = page.approximateCount();
            if (page.grants().size() < PAGE_SIZE || (count != null && from + PAGE_SIZE >= count)) {
                break;
            }
        }
        return out;
    }

    private Optional<AtlanWire.Asset> findAsset(
            String operation, String guid, String attribute, Secret impersonationToken) {
        return AtlanWire.asset(api.findAsset(operation, guid, attribute, impersonationToken), guid, attribute);
    }

    private static boolean matches(JsonNode list, AtlanWire.Asset asset, String guid) {
        if (list == null || !list.isArray()) {
            return false;
        }
        for (JsonNode e : list) {
            String entityGuid = Json.text(e.get("guid"));
            if (guid != null && guid.equals(entityGuid)) {
                return true;
            }
            if (asset.typeName().equals(Json.text(e.get("typeName")))
                    && asset.qualifiedName()
                            .equals(Json.text(e.path("attributes").get("qualifiedName")))) {
                return true;
            }
        }
        return false;
    }

    private static NotFoundException notVisible(String operation, String guid) {
        return AtlanApi.assetNotFound("Atlan " + operation + ": no active asset with GUID " + guid
                + " is visible to the impersonation token's user (it is missing, deleted, or that user cannot see"
                + " it).");
    }

    /** Server text for a message, cleaned also of the impersonation token of the call at hand. */
    private String quote(String serverText, Secret impersonationToken) {
        return api.redactor().clean(serverText, impersonationToken == null ? List.of() : List.of(impersonationToken));
    }
}
