package io.catalogkit.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.testing.FakeAtlan.PersonaEncoding;
import io.catalogkit.testing.FakeAtlanStore.Asset;
import io.catalogkit.testing.FakeAtlanStore.Persona;
import io.catalogkit.testing.FakeAtlanStore.Saved;
import io.catalogkit.testing.FakeAtlanStore.Token;
import java.util.List;
import java.util.UUID;

/**
 * The JSON {@link FakeAtlan} answers with, in the encodings the real server uses per endpoint
 * (numbers as strings in lists, persona lists as a JSON-encoded string, and so on) unless a switch
 * forces one encoding everywhere.
 */
final class FakeAtlanRender {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How one endpoint writes numbers and persona lists. */
    record Style(boolean numbersAsStrings, PersonaEncoding personas) {}

    static final Style LIST = new Style(true, PersonaEncoding.ENCODED_STRINGS);
    static final Style CREATE = new Style(false, PersonaEncoding.OBJECTS);
    static final Style UPDATE = new Style(true, PersonaEncoding.STRINGS);

    private FakeAtlanRender() {}

    /**
     * A token as the endpoints write it.
     *
     * @param withSecret whether to include {@code accessToken} (only create answers do)
     * @param shownPersonas the persona list to show, or null for the stored one
     */
    static ObjectNode token(
            FakeAtlanStore store, Token t, boolean withSecret, Style endpointStyle, List<String> shownPersonas) {
        boolean strings = store.numbersAsStrings != null ? store.numbersAsStrings : endpointStyle.numbersAsStrings();
        PersonaEncoding encoding = store.personaEncoding != null ? store.personaEncoding : endpointStyle.personas();
        List<String> shown = shownPersonas != null ? shownPersonas : t.personas;
        ObjectNode n = NODES.objectNode();
        n.put("id", t.guid);
        if (!store.omitTopLevelNames) {
            n.put("clientId", t.clientId);
            n.put("displayName", t.displayName);
        }
        ObjectNode a = n.putObject("attributes");
        a.put("clientId", t.clientId);
        a.put("displayName", t.displayName);
        a.put("description", t.description);
        if (strings) {
            a.put("createdAt", Long.toString(t.createdAtMillis));
            a.put("access.token.lifespan", Long.toString(t.lifespan));
        } else {
            a.put("createdAt", t.createdAtMillis);
            a.put("access.token.lifespan", t.lifespan);
        }
        a.put("createdBy", t.createdBy);
        if (withSecret) {
            a.put("accessToken", t.secret);
        }
        ArrayNode list = NODES.arrayNode();
        for (String qn : shown) {
            if (encoding == PersonaEncoding.OBJECTS || encoding == PersonaEncoding.ENCODED_OBJECTS) {
                Persona p = store.personas.getOrDefault(
                        qn, new Persona(UUID.randomUUID().toString(), qn));
                list.addObject().put("id", p.id()).put("persona", p.name()).put("personaQualifiedName", qn);
            } else {
                list.add(qn);
            }
        }
        if (encoding == PersonaEncoding.OBJECTS || encoding == PersonaEncoding.STRINGS) {
            a.set("personaQualifiedName", list);
            a.putArray("workspacePermissions");
        } else {
            a.put("personaQualifiedName", list.toString());
            a.put("workspacePermissions", "[]");
        }
        if (store.deprecatedPersonas) {
            ArrayNode old = a.putArray("personas");
            for (String qn : shown) {
                old.addObject().put("id", UUID.randomUUID().toString()).put("name", qn);
            }
        }
        return n;
    }

    /**
     * A list answer.
     *
     * @param withCounts whether to write {@code totalRecord} and {@code filterRecord}
     */
    static ObjectNode list(FakeAtlanStore store, List<Token> page, boolean withCounts, int total, int filtered) {
        ObjectNode body = NODES.objectNode();
        if (withCounts) {
            body.put("totalRecord", total);
            body.put("filterRecord", filtered);
        }
        ArrayNode records = body.putArray("records");
        page.forEach(t -> records.add(token(store, t, false, LIST, null)));
        return body;
    }

    /** {@code GET /api/service/users/current}. */
    static ObjectNode currentUser(String id, String username, long createdMillis) {
        ObjectNode user = NODES.objectNode();
        user.put("id", id);
        user.put("username", username);
        user.put("enabled", true);
        user.put("emailVerified", false);
        user.put("createdTimestamp", createdMillis);
        user.putObject("attributes");
        return user;
    }

    /**
     * An index search answer for one GUID.
     *
     * @param a the asset, or null when the caller may not find it
     * @param attributes the attributes asked for
     */
    static ObjectNode indexSearch(Asset a, List<String> attributes) {
        return indexSearch(a == null ? List.of() : List.of(a), a == null ? 0 : 1, attributes);
    }

    /** An index search answer: one page of assets and the count of all that matched. */
    static ObjectNode indexSearch(List<Asset> page, int approximateCount, List<String> attributes) {
        ObjectNode answer = NODES.objectNode().put("queryType", "INDEX");
        answer.put("approximateCount", approximateCount);
        if (page.isEmpty()) {
            return answer;
        }
        ArrayNode entities = answer.putArray("entities");
        for (Asset a : page) {
            ObjectNode e = entities.addObject();
            e.put("typeName", a.typeName).put("guid", a.guid).put("status", "ACTIVE");
            ObjectNode attrs = e.putObject("attributes");
            attrs.put("qualifiedName", a.qualifiedName).put("name", a.name);
            if (attributes.contains("adminUsers")) {
                a.adminUsers.forEach(attrs.putArray("adminUsers")::add);
            }
            if (attributes.contains("viewerUsers")) {
                a.viewerUsers.forEach(attrs.putArray("viewerUsers")::add);
            }
        }
        return answer;
    }

    /** A bulk save answer: the entities changed, by kind, and the GUIDs given to new ones. */
    static ObjectNode bulkSave(List<Saved> saved) {
        ObjectNode answer = NODES.objectNode();
        ObjectNode mutated = answer.putObject("mutatedEntities");
        ObjectNode assignments = answer.putObject("guidAssignments");
        for (Saved s : saved) {
            Asset a = s.asset();
            if (s.sentGuid().startsWith("-")) {
                assignments.put(s.sentGuid(), a.guid);
            }
            if (s.kind() != null) {
                ArrayNode list = mutated.has(s.kind()) ? (ArrayNode) mutated.get(s.kind()) : mutated.putArray(s.kind());
                ObjectNode m = list.addObject().put("typeName", a.typeName).put("guid", a.guid);
                m.putObject("attributes").put("qualifiedName", a.qualifiedName).put("name", a.name);
            }
        }
        return answer;
    }

    /** Atlas's error body. */
    static ObjectNode atlasError(int status, String errorCode, String message, String requestId) {
        ObjectNode body = NODES.objectNode();
        body.put("code", status);
        body.put("errorCode", errorCode);
        body.put("errorMessage", message);
        body.put("errorCause", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    /** What the gateway answers a request without a valid bearer. */
    static ObjectNode unauthorized(String path) {
        return NODES.objectNode().put("status", 401).put("url", path);
    }
}
