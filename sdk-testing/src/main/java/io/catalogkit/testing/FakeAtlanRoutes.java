package io.catalogkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.testing.FakeAtlanStore.Asset;
import io.catalogkit.testing.FakeAtlanStore.EntityChange;
import io.catalogkit.testing.FakeAtlanStore.Failure;
import io.catalogkit.testing.FakeAtlanStore.Token;
import io.catalogkit.testing.FakeServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routes a request to {@link FakeAtlan} as Atlan's gateway does: authenticates the bearer, reads
 * path, query and body, calls the {@link FakeAtlanStore} and writes the answer with {@link
 * FakeAtlanRender}. A refused request becomes an Atlas error body with the request id echoed.
 */
final class FakeAtlanRoutes {
    static final String API_KEYS = "/api/service/apikeys";

    private FakeAtlanRoutes() {}

    static Reply handle(FakeAtlanStore store, RecordedCall call) {
        String path = call.path();
        String requestId = call.header("X-Atlan-Request-Id").orElse(null);
        String caller = bearer(call).map(store::authenticate).orElse(null);
        if (caller == null) {
            return Reply.json(401, FakeAtlanRender.unauthorized(path));
        }
        String method = call.method();
        List<String> segments = call.url().pathSegments();
        try {
            if (path.equals(API_KEYS)) {
                if (method.equals("GET")) {
                    return list(store, call);
                } else if (method.equals("POST")) {
                    return create(store, call, caller);
                }
            } else if (path.startsWith(API_KEYS + "/") && segments.size() == 4) {
                String guid = segments.get(3);
                if (method.equals("POST")) {
                    return update(store, call, guid);
                } else if (method.equals("DELETE")) {
                    store.delete(guid);
                    return Reply.empty(200);
                }
            } else if (path.equals("/api/service/users/current") && method.equals("GET")) {
                return Reply.json(
                        200,
                        FakeAtlanRender.currentUser(
                                store.userId(caller), caller, store.clock().millis()));
            } else if (path.equals("/api/meta/search/indexsearch") && method.equals("POST")) {
                return indexSearch(store, call, caller);
            } else if (path.equals("/api/meta/entity/bulk") && method.equals("POST")) {
                return bulkSave(store, call, caller);
            }
        } catch (Failure e) {
            return Reply.json(e.status, FakeAtlanRender.atlasError(e.status, e.errorCode, e.getMessage(), requestId));
        }
        return Reply.json(
                404,
                FakeAtlanRender.atlasError(
                        404, "ATLAS-404-00-001", "no such endpoint: " + method + " " + path, requestId));
    }

    private static Optional<String> bearer(RecordedCall call) {
        String header = call.header("Authorization").orElse("");
        return header.startsWith("Bearer ")
                ? Optional.of(header.substring("Bearer ".length()).trim())
                : Optional.empty();
    }

    private static Reply list(FakeAtlanStore store, RecordedCall call) {
        int limit = intParam(call, "limit", 20);
        int offset = intParam(call, "offset", 0);
        String sort = call.query("sort").orElse("-createdAt");
        if (!sort.equals("-createdAt") && !sort.equals("createdAt")) {
            throw Failure.badRequest("unsupported sort " + sort);
        }
        String field = null;
        String value = null;
        Optional<String> filter = call.query("filter");
        if (filter.isPresent()) {
            JsonNode f;
            try {
                f = FakeJson.MAPPER.readTree(filter.get());
            } catch (IOException e) {
                throw Failure.badRequest("filter is not JSON");
            }
            if (f == null || !f.isObject() || f.size() != 1) {
                throw Failure.badRequest("filter must be an object with one field");
            }
            field = f.fieldNames().next();
            JsonNode v = f.get(field);
            if (!v.isTextual() || !Set.of("displayName", "clientId", "id").contains(field)) {
                throw Failure.badRequest("unsupported filter field " + field);
            }
            value = v.asText();
        }
        List<Token> matches = store.list(field, value, sort.startsWith("-"));
        int end = (int) Math.min(matches.size(), (long) offset + limit);
        List<Token> page = offset >= end ? List.of() : matches.subList(offset, end);
        boolean counts =
                !store.omitCounts && call.query("count").map("true"::equals).orElse(false);
        return Reply.json(200, FakeAtlanRender.list(store, page, counts, store.tokens.size(), matches.size()));
    }

    private static Reply create(FakeAtlanStore store, RecordedCall call, String caller) {
        JsonNode body = jsonBody(call);
        String displayName = requiredText(body, "displayName");
        List<String> wanted = personaList(body);
        store.requireKnownPersonas(wanted);
        JsonNode validity = body.get("validitySeconds");
        if (validity == null || !validity.canConvertToLong() || validity.asLong() <= 0) {
            throw Failure.badRequest("validitySeconds must be a positive number");
        }
        Token t = store.newToken(displayName, textOr(body, "description", ""), wanted, validity.asLong(), caller);
        return Reply.json(200, FakeAtlanRender.token(store, t, true, FakeAtlanRender.CREATE, null));
    }

    private static Reply update(FakeAtlanStore store, RecordedCall call, String guid) {
        Token t = store.token(guid);
        JsonNode body = jsonBody(call);
        String displayName = requiredText(body, "displayName");
        List<String> wanted = personaList(body);
        List<String> before = t.personas;
        store.update(t, displayName, textOr(body, "description", ""), wanted);
        return Reply.json(
                200, FakeAtlanRender.token(store, t, false, FakeAtlanRender.UPDATE, store.updateLag ? before : null));
    }

    private static Reply indexSearch(FakeAtlanStore store, RecordedCall call, String caller) {
        JsonNode body = jsonBody(call);
        String guid = null;
        for (JsonNode clause : body.path("dsl").path("query").path("bool").path("filter")) {
            JsonNode v = clause.path("term").path("__guid").path("value");
            if (v.isTextual()) {
                guid = v.asText();
            }
        }
        List<String> attributes = new ArrayList<>();
        body.path("attributes").forEach(a -> attributes.add(a.asText()));
        if (guid == null) {
            return searchByUser(store, body.path("dsl"), caller, attributes);
        }
        return Reply.json(
                200, FakeAtlanRender.indexSearch(store.readable(guid, caller).orElse(null), attributes));
    }

    /**
     * Index search for the assets where a user is in {@code adminUsers} or {@code viewerUsers}: a
     * {@code bool.should} of {@code term}s on those fields, paged with {@code from} and {@code
     * size}, in GUID order; only assets the caller may read.
     */
    private static Reply searchByUser(FakeAtlanStore store, JsonNode dsl, String caller, List<String> attributes) {
        Set<String> admins = new HashSet<>();
        Set<String> viewers = new HashSet<>();
        for (JsonNode clause : dsl.path("query").path("bool").path("should")) {
            JsonNode admin = clause.path("term").path("adminUsers").path("value");
            JsonNode viewer = clause.path("term").path("viewerUsers").path("value");
            if (admin.isTextual()) {
                admins.add(admin.asText());
            }
            if (viewer.isTextual()) {
                viewers.add(viewer.asText());
            }
        }
        if (admins.isEmpty() && viewers.isEmpty()) {
            throw Failure.badRequest("the fake answers only index searches for one __guid, or for adminUsers or"
                    + " viewerUsers terms in bool.should");
        }
        List<Asset> matches = store.readableWithUsers(caller, admins, viewers);
        int from = Math.min(Math.max(dsl.path("from").asInt(0), 0), matches.size());
        int to = Math.min(from + Math.max(dsl.path("size").asInt(10), 0), matches.size());
        return Reply.json(200, FakeAtlanRender.indexSearch(matches.subList(from, to), matches.size(), attributes));
    }

    private static Reply bulkSave(FakeAtlanStore store, RecordedCall call, String caller) {
        JsonNode entities = jsonBody(call).get("entities");
        if (entities == null || !entities.isArray() || entities.isEmpty()) {
            throw Failure.badRequest("entities must be a non-empty list");
        }
        List<EntityChange> changes = new ArrayList<>();
        for (JsonNode e : entities) {
            JsonNode attrs = e.path("attributes");
            changes.add(new EntityChange(
                    requiredText(e, "typeName"),
                    requiredText(e, "guid"),
                    requiredText(attrs, "qualifiedName"),
                    attrs.hasNonNull("name") ? attrs.get("name").asText() : null,
                    attrs.has("adminUsers") ? usernames(attrs.get("adminUsers")) : null,
                    attrs.has("viewerUsers") ? usernames(attrs.get("viewerUsers")) : null));
        }
        return Reply.json(200, FakeAtlanRender.bulkSave(store.save(caller, changes)));
    }

    // ------------------------------------------------------------------ reading requests

    private static List<String> personaList(JsonNode body) {
        JsonNode list = body.get("personaQualifiedNames");
        if (list == null || list.isNull()) {
            return new ArrayList<>();
        }
        if (!list.isArray()) {
            throw Failure.badRequest("personaQualifiedNames must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isTextual()) {
                throw Failure.badRequest("personaQualifiedNames must hold strings");
            }
            if (!out.contains(p.asText())) {
                out.add(p.asText());
            }
        }
        return out;
    }

    private static List<String> usernames(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw Failure.badRequest("user lists must be lists of usernames");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode u : list) {
            if (!u.isTextual()) {
                throw Failure.badRequest("user lists must be lists of usernames");
            }
            out.add(u.asText());
        }
        return out;
    }

    private static JsonNode jsonBody(RecordedCall call) {
        try {
            JsonNode n = call.json();
            if (!n.isObject()) {
                throw Failure.badRequest("the body must be a JSON object");
            }
            return n;
        } catch (UncheckedIOException e) {
            throw Failure.badRequest("the body is not JSON");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw Failure.badRequest(field + " is required");
        }
        return v.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static int intParam(RecordedCall call, String name, int fallback) {
        Optional<String> v = call.query(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 0) {
                throw Failure.badRequest(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw Failure.badRequest(name + " must be a number");
        }
    }
}
