package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Index search (A1, the endpoint the add-as-admin calls use) for the assets where a user is in
 * {@code adminUsers} or {@code viewerUsers}, page by page. Only assets the searching bearer may
 * read are found. Thread-safe.
 */
public final class AssetSearch {
    /** Assets per page. */
    static final int PAGE_SIZE = 100;
    /** Elasticsearch's default result window: no page may end past it. */
    static final int MAX_RESULTS = 10_000;

    private final Transport transport;

    /**
     * Creates the search.
     *
     * @param transport the client's transport
     */
    public AssetSearch(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * An asset where the user is an admin or a viewer.
     *
     * @param guid the asset's GUID
     * @param typeName its type, e.g. {@code Connection}
     * @param name its name, or null
     * @param admin whether the user is in {@code adminUsers}
     * @param viewer whether the user is in {@code viewerUsers}
     */
    public record Grant(String guid, String typeName, String name, boolean admin, boolean viewer) {
        /**
         * The asset in words, e.g. {@code Connection 'prod' (c41d...)}.
         *
         * @return the description
         */
        public String describe() {
            return typeName + (name == null ? "" : " '" + name + "'") + " (" + guid + ")";
        }
    }

    /**
     * The assets where a user is an admin or a viewer.
     *
     * @param username e.g. {@code service-account-apikey-...}
     * @param bearer the bearer to search with, or null for the client's own key
     * @return the assets, in GUID order; at most {@value #MAX_RESULTS}
     */
    public List<Grant> grantsOf(String username, Secret bearer) {
        List<Grant> out = new ArrayList<>();
        for (int from = 0; from < MAX_RESULTS; from += PAGE_SIZE) {
            ApiRequest.Builder request = ApiRequest.builder("find assets granted to a user", "POST")
                    .path(ApiTokenServiceImpl.INDEX_SEARCH)
                    .body(body(username, from, PAGE_SIZE))
                    .safeToRetry(true);
            if (bearer != null) {
                request.credentials(Credentials.bearer(bearer)).secrets(bearer);
            }
            ApiRequest sent = request.build();
            Answer ex = transport.exchange(sent);
            JsonNode body = ex.requireObject("a JSON object with entities");
            JsonNode entities = body.get("entities");
            if (entities == null || entities.isNull() || entities.isEmpty()) {
                break;
            }
            if (!entities.isArray()) {
                throw ex.malformed("'entities' as a list");
            }
            for (JsonNode e : entities) {
                out.add(grant(ex, e, username));
            }
            Long count = Json.longValue(body.get("approximateCount"));
            if (entities.size() < PAGE_SIZE || (count != null && from + PAGE_SIZE >= count)) {
                break;
            }
        }
        return out;
    }

    private Grant grant(Answer ex, JsonNode e, String username) {
        JsonNode attributes = e.path("attributes");
        String guid = Json.text(e.get("guid"));
        String typeName = Json.text(e.get("typeName"));
        if (guid == null || typeName == null) {
            throw ex.malformed("assets with 'guid' and 'typeName'");
        }
        try {
            return new Grant(
                    guid,
                    typeName,
                    Json.text(attributes.get("name")),
                    AtlanWire.usernames(attributes.get(ApiTokenServiceImpl.ADMIN_USERS), "adminUsers")
                            .contains(username),
                    AtlanWire.usernames(attributes.get(ApiTokenServiceImpl.VIEWER_USERS), "viewerUsers")
                            .contains(username));
        } catch (AtlanWire.Malformed m) {
            throw ex.malformed(m.getMessage());
        }
    }

    /** A1 with a {@code should} on both user lists instead of one GUID. */
    static Map<String, Object> body(String username, int from, int size) {
        Map<String, Object> bool = new LinkedHashMap<>();
        bool.put(
                "filter",
                List.of(
                        AtlanWire.term("__superTypeNames.keyword", "Referenceable"),
                        AtlanWire.term("__state", "ACTIVE")));
        bool.put(
                "should",
                List.of(
                        AtlanWire.term(ApiTokenServiceImpl.ADMIN_USERS, username),
                        AtlanWire.term(ApiTokenServiceImpl.VIEWER_USERS, username)));
        bool.put("minimum_should_match", 1);
        Map<String, Object> dsl = AtlanWire.obj(
                "from",
                from,
                "size",
                size,
                "track_total_hits",
                true,
                "query",
                AtlanWire.obj("bool", bool),
                "sort",
                List.of(AtlanWire.obj("__guid", AtlanWire.obj("order", "asc"))));
        return AtlanWire.obj(
                "dsl",
                dsl,
                "attributes",
                List.of("name", ApiTokenServiceImpl.ADMIN_USERS, ApiTokenServiceImpl.VIEWER_USERS),
                "suppressLogs",
                true);
    }
}
