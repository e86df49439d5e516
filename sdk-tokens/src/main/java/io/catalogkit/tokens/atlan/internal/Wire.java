package io.catalogkit.tokens.atlan.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request bodies catalogkit sends to Atlan. Their {@code toString} holds no secret. */
final class Wire {
    private Wire() {}

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
