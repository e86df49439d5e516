package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.ApiToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    static Map<String, Object> term(String field, String value) {
        return obj("term", obj(field, obj("value", value)));
    }

    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
