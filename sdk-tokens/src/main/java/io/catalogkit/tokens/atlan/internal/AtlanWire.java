package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.ApiToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What goes to Atlan and what comes back: the request bodies catalogkit sends (their {@code
 * toString} holds no secret), and the lenient reader of Atlan's answers. The reader tolerates the
 * encodings the contract lists: numbers as JSON strings, persona lists as objects, strings or a
 * JSON-encoded string of either, deprecated fields, and names only under {@code attributes}. What
 * cannot be read safely (a persona list of unknown shape, say) raises {@link Malformed} rather than
 * being guessed: a wrong persona set sent back by an update would unlink personas. Pure: no HTTP.
 */
final class AtlanWire {
    /** What Atlan puts before an API token's client id to name its user. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";
    /** The asset attribute listing its admins. */
    static final String ADMIN_USERS = "adminUsers";
    /** The asset attribute listing its viewers. */
    static final String VIEWER_USERS = "viewerUsers";

    private AtlanWire() {}

    /** A required field is missing or has a shape that cannot be read safely. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param expected what was expected, for the message (never the value received)
         */
        Malformed(String expected) {
            super(expected, null, false, false);
        }
    }

    /**
     * Reads one token record.
     *
     * @param node the record
     * @return the token
     * @throws Malformed when a required field is missing or unreadable
     */
    static ApiToken token(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new Malformed("an API token object");
        }
        JsonNode attributes = node.path("attributes");
        String guid = Json.text(node.get("id"));
        if (guid == null) {
            throw new Malformed("an API token with 'id'");
        }
        String clientId = firstText(node, attributes, "clientId");
        if (clientId == null) {
            throw new Malformed("an API token with 'clientId'");
        }
        String displayName = firstText(node, attributes, "displayName");
        if (displayName == null) {
            throw new Malformed("an API token with 'displayName'");
        }
        String description = firstText(attributes, node, "description");
        String secret = firstText(attributes, node, "accessToken");
        Long createdAtMillis = Json.longValue(attributes.get("createdAt"));
        // Decoded once for both readings (a JSON-encoded list would be parsed twice otherwise), and
        // read straight into the builder, with no collection of its own for the builder to copy.
        JsonNode personaList = decodedList(attributes.get("personaQualifiedName"), "personaQualifiedName");
        ApiToken.ApiTokenBuilder b = ApiToken.builder()
                .guid(guid)
                .clientId(clientId)
                .displayName(displayName)
                .description(description == null || description.isEmpty() ? null : description)
                .accessToken(secret == null || secret.isBlank() ? null : Secret.of(secret))
                .validitySeconds(Json.longValue(attributes.get("access.token.lifespan")))
                .createdAt(createdAtMillis == null ? null : Instant.ofEpochMilli(createdAtMillis))
                .createdBy(firstText(attributes, node, "createdBy"));
        qualifiedNames(personaList, b::personaQualifiedName);
        displayNames(personaList, b::personaName);
        workspacePermissions(attributes.get("workspacePermissions"), b::workspacePermission);
        return b.build();
    }

    /**
     * Reads a persona list in any of its encodings.
     *
     * @param node the {@code personaQualifiedName} value, may be null
     * @return the qualified names in order, never null elements
     * @throws Malformed when the value has another shape
     */
    static Set<String> personas(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        qualifiedNames(decodedList(node, "personaQualifiedName"), out::add);
        return out;
    }

    /** Gives the qualified names of a decoded persona list (null for none), in order. */
    private static void qualifiedNames(JsonNode list, Consumer<String> out) {
        if (list == null) {
            return;
        }
        for (JsonNode e : list) {
            if (e == null || e.isNull()) {
                continue;
            }
            String qualifiedName =
                    e.isObject() ? Json.text(e.get("personaQualifiedName")) : e.isTextual() ? Json.text(e) : null;
            if (qualifiedName == null) {
                throw new Malformed("'personaQualifiedName' entries that are qualified names or objects with one");
            }
            out.accept(qualifiedName);
        }
    }

    /**
     * A list value in any of its encodings: a list, or a JSON-encoded string of one.
     *
     * @return the list, or null for null, absent, empty or {@code "null"}
     * @throws Malformed when the value has another shape
     */
    private static JsonNode decodedList(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JsonNode list = node;
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (s.isEmpty() || s.equals("null") || s.equals("[]")) {
                // Nothing to read; "[]" is what Atlan sends for most tokens, and a parser per token
                // would cost more than the rest of the token.
                return null;
            }
            try {
                list = Json.MAPPER.readTree(s);
            } catch (JsonProcessingException e) {
                throw new Malformed("'" + field + "' as a list (it was a string that is not JSON)");
            }
            if (list == null || list.isNull()) {
                return null;
            }
        }
        if (!list.isArray()) {
            throw new Malformed("'" + field + "' as a list");
        }
        return list;
    }

    /**
     * Gives the display names of a decoded persona list (null for none), from its objects' {@code
     * persona} field; a list of bare qualified names has none. Informative only: never fails.
     */
    private static void displayNames(JsonNode list, BiConsumer<String, String> out) {
        if (list == null) {
            return;
        }
        for (JsonNode e : list) {
            String qualifiedName = e.isObject() ? Json.text(e.get("personaQualifiedName")) : null;
            String name = e.isObject() ? Json.text(e.get("persona")) : null;
            if (qualifiedName != null && name != null) {
                out.accept(qualifiedName, name);
            }
        }
    }

    /**
     * Gives the token's workspace permissions, from a list or a JSON-encoded one. Informative only:
     * an unreadable value gives none, never a failure.
     */
    private static void workspacePermissions(JsonNode node, Consumer<String> out) {
        JsonNode list;
        try {
            list = decodedList(node, "workspacePermissions");
        } catch (Malformed e) {
            return;
        }
        if (list == null) {
            return;
        }
        for (JsonNode e : list) {
            String p = e.isValueNode() ? Json.text(e) : null;
            if (p != null) {
                out.accept(p);
            }
        }
    }

    /**
     * Reads a list of usernames ({@code adminUsers}, {@code viewerUsers}) as a list or a
     * JSON-encoded list.
     *
     * @param node the value, may be null
     * @param field the field name, for messages
     * @return the usernames in order
     * @throws Malformed when the value is not a list of strings
     */
    static List<String> usernames(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        JsonNode list = node;
        if (node.isTextual()) {
            try {
                list = Json.MAPPER.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new Malformed("'" + field + "' as a list of usernames");
            }
        }
        if (list == null || !list.isArray()) {
            throw new Malformed("'" + field + "' as a list of usernames");
        }
        for (JsonNode e : list) {
            if (e == null || e.isNull()) {
                continue;
            }
            if (!e.isTextual()) {
                throw new Malformed("'" + field + "' as a list of usernames");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static String firstText(JsonNode first, JsonNode second, String field) {
        String s = Json.text(first.get(field));
        return s != null ? s : Json.text(second.get(field));
    }

    // ---------------------------------------------------------------- answers

    /**
     * Reads one token record of an answer.
     *
     * @param ex the answer, for the failure
     * @param node the record
     * @return the token
     * @throws io.catalogkit.core.MalformedResponseException when the record is unreadable
     */
    static ApiToken token(Answer ex, JsonNode node) {
        try {
            return token(node);
        } catch (Malformed e) {
            throw ex.malformed(e.getMessage());
        }
    }

    /**
     * One page of T1.
     *
     * @param totalRecord the count of all tokens, or null when not sent
     * @param filterRecord the count of the filter's matches, or null when not sent
     * @param records the tokens on the page
     */
    record Listing(Integer totalRecord, Integer filterRecord, List<ApiToken> records) {}

    /**
     * Reads a T1 answer.
     *
     * @param ex the answer
     * @return the page
     * @throws io.catalogkit.core.MalformedResponseException when it is unreadable
     */
    static Listing listing(Answer ex) {
        JsonNode body = ex.requireObject("a JSON object with records");
        JsonNode records = body.get("records");
        List<ApiToken> tokens = new ArrayList<>();
        if (records != null && !records.isNull()) {
            if (!records.isArray()) {
                throw ex.malformed("'records' as a list");
            }
            for (JsonNode r : records) {
                tokens.add(token(ex, r));
            }
        }
        return new Listing(count(body.get("totalRecord")), count(body.get("filterRecord")), tokens);
    }

    private static Integer count(JsonNode node) {
        Long n = Json.longValue(node);
        return n == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
    }

    /**
     * Reads U1's {@code username}.
     *
     * @param ex the answer
     * @return the username
     * @throws io.catalogkit.core.MalformedResponseException when there is none
     */
    static String username(Answer ex) {
        String username = Json.text(Json.field(ex.body(), "username"));
        if (username == null) {
            throw ex.malformed("a user object with 'username'");
        }
        return username;
    }

    /**
     * An asset as A1 found it.
     *
     * @param typeName its type
     * @param qualifiedName its qualified name
     * @param name its name, or null
     * @param users the user list asked for
     */
    record Asset(String typeName, String qualifiedName, String name, List<String> users) {}

    /**
     * Reads the asset with a GUID from an A1 answer.
     *
     * @param ex the answer
     * @param guid the asset's GUID; entities with another GUID are skipped
     * @param attribute the user list asked for
     * @return the asset, or empty when the answer holds none
     * @throws io.catalogkit.core.MalformedResponseException when it is unreadable
     */
    static Optional<Asset> asset(Answer ex, String guid, String attribute) {
        JsonNode entities = ex.requireObject("a JSON object with entities").get("entities");
        if (entities == null || entities.isNull()) {
            return Optional.empty();
        }
        if (!entities.isArray()) {
            throw ex.malformed("'entities' as a list");
        }
        for (JsonNode e : entities) {
            String entityGuid = Json.text(e.get("guid"));
            if (entityGuid != null && !entityGuid.equals(guid)) {
                continue;
            }
            JsonNode attributes = e.path("attributes");
            String typeName = Json.text(e.get("typeName"));
            String qualifiedName = Json.text(attributes.get("qualifiedName"));
            if (typeName == null || qualifiedName == null) {
                throw ex.malformed("an asset with 'typeName' and 'attributes.qualifiedName'");
            }
            try {
                List<String> users = usernames(attributes.get(attribute), attribute);
                return Optional.of(new Asset(typeName, qualifiedName, Json.text(attributes.get("name")), users));
            } catch (Malformed m) {
                throw ex.malformed(m.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * An asset where a user is an admin or a viewer.
     *
     * @param guid the asset's GUID
     * @param typeName its type, e.g. {@code Connection}
     * @param name its name, or null
     * @param admin whether the user is in {@code adminUsers}
     * @param viewer whether the user is in {@code viewerUsers}
     */
    record Grant(String guid, String typeName, String name, boolean admin, boolean viewer) {
        /**
         * The asset in words, e.g. {@code Connection 'prod' (c41d...)}.
         *
         * @return the description
         */
        String describe() {
            return typeName + (name == null ? "" : " '" + name + "'") + " (" + guid + ")";
        }
    }

    /**
     * One page of A1 for the assets granted to a user.
     *
     * @param grants the assets on the page
     * @param approximateCount the count of all matches, or null when not sent
     */
    record Grants(List<Grant> grants, Long approximateCount) {}

    /**
     * Reads one page of {@link #findGrants}.
     *
     * @param ex the answer
     * @param username the user searched for
     * @return the page
     * @throws io.catalogkit.core.MalformedResponseException when it is unreadable
     */
    static Grants grants(Answer ex, String username) {
        JsonNode body = ex.requireObject("a JSON object with entities");
        JsonNode entities = body.get("entities");
        List<Grant> out = new ArrayList<>();
        // An empty value of any shape is no asset; the end of the search.
        if (entities != null && !entities.isNull() && !entities.isEmpty()) {
            if (!entities.isArray()) {
                throw ex.malformed("'entities' as a list");
            }
            for (JsonNode e : entities) {
                out.add(grant(ex, e, username));
            }
        }
        return new Grants(out, Json.longValue(body.get("approximateCount")));
    }

    private static Grant grant(Answer ex, JsonNode e, String username) {
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
                    usernames(attributes.get(ADMIN_USERS), ADMIN_USERS).contains(username),
                    usernames(attributes.get(VIEWER_USERS), VIEWER_USERS).contains(username));
        } catch (Malformed m) {
            throw ex.malformed(m.getMessage());
        }
    }

    // ---------------------------------------------------------------- request bodies

    /**
     * T2, create an API token.
     *
     * @param displayName the name
     * @param description the description, {@code ""} for none
     * @param personaQualifiedNames the personas to link
     * @param validitySeconds the validity, already clamped
     * @param personas always empty: the deprecated field Atlan's documentation and atlan-java send
     */
    record CreateBody(
            String displayName,
            String description,
            List<String> personaQualifiedNames,
            long validitySeconds,
            List<Object> personas) {
        CreateBody(String displayName, String description, List<String> personaQualifiedNames, long validitySeconds) {
            this(displayName, description, personaQualifiedNames, validitySeconds, List.of());
        }
    }

    /**
     * T3, update an API token: always the complete persona set, never a validity.
     *
     * @param displayName the name
     * @param description the description, {@code ""} for none
     * @param personaQualifiedNames the complete persona set
     */
    record UpdateBody(
            String displayName, String description, List<String> personaQualifiedNames, List<Object> personas) {
        UpdateBody(String displayName, String description, List<String> personaQualifiedNames) {
            this(displayName, description, personaQualifiedNames, List.of());
        }
    }

    /**
     * A1, index search for one asset by GUID, reading one user-list attribute.
     *
     * @param guid the asset's GUID
     * @param attribute {@code adminUsers} or {@code viewerUsers}
     * @return the body
     */
    static Map<String, Object> findAsset(String guid, String attribute) {
        List<Object> filter = List.of(
                term("__superTypeNames.keyword", "Referenceable"), term("__state", "ACTIVE"), term("__guid", guid));
        Map<String, Object> dsl =
                obj("from", 0, "size", 1, "track_total_hits", true, "query", obj("bool", obj("filter", filter)));
        return obj("dsl", dsl, "attributes", List.of(attribute), "suppressLogs", true);
    }

    /**
     * A2, save one asset's user list, matched by type and qualified name.
     *
     * @param typeName the asset's type
     * @param placeholderGuid a negative GUID, so that Atlas resolves the asset by qualified name
     * @param qualifiedName the asset's qualified name
     * @param name the asset's name, or null
     * @param attribute {@code adminUsers} or {@code viewerUsers}
     * @param users the complete list
     * @return the body
     */
    static Map<String, Object> saveAsset(
            String typeName,
            String placeholderGuid,
            String qualifiedName,
            String name,
            String attribute,
            List<String> users) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("qualifiedName", qualifiedName);
        if (name != null) {
            attributes.put("name", name);
        }
        attributes.put(attribute, users);
        Map<String, Object> entity = obj("typeName", typeName, "guid", placeholderGuid, "attributes", attributes);
        return obj("entities", List.of(entity));
    }

    /**
     * T1's {@code filter} for one field: what Jackson writes for {@code Map.of(field, value)},
     * without a serializer per call.
     *
     * @param field {@code displayName}, {@code clientId} or {@code id}
     * @param value the value to match
     * @return the JSON text
     */
    static String filter(String field, String value) {
        return "{\"" + field + "\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"}";
    }

    /**
     * A1 for the active assets where a user is in {@code adminUsers} or {@code viewerUsers}: a
     * {@code should} on both user lists instead of one GUID, in GUID order.
     *
     * @param username the user
     * @param from the first result
     * @param size the most results
     * @return the body
     */
    static Map<String, Object> findGrants(String username, int from, int size) {
        Map<String, Object> bool = new LinkedHashMap<>();
        bool.put("filter", List.of(term("__superTypeNames.keyword", "Referenceable"), term("__state", "ACTIVE")));
        bool.put("should", List.of(term(ADMIN_USERS, username), term(VIEWER_USERS, username)));
        bool.put("minimum_should_match", 1);
        Map<String, Object> dsl = obj(
                "from",
                from,
                "size",
                size,
                "track_total_hits",
                true,
                "query",
                obj("bool", bool),
                "sort",
                List.of(obj("__guid", obj("order", "asc"))));
        return obj("dsl", dsl, "attributes", List.of("name", ADMIN_USERS, VIEWER_USERS), "suppressLogs", true);
    }

    private static Map<String, Object> term(String field, String value) {
        return obj("term", obj(field, obj("value", value)));
    }

    private static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
