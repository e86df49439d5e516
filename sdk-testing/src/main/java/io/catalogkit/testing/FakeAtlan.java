package io.catalogkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory, stateful fake of Atlan's API token endpoints on a real loopback port, following the
 * Atlan wire contract: {@code /api/service/apikeys} (list with filters, create, update, delete),
 * {@code /api/service/users/current}, index search and bulk save for connections and collections.
 * Thread-safe.
 *
 * <pre>{@code
 * try (FakeAtlan atlan = new FakeAtlan().start()) {
 *     FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
 *     atlan.addUser("jdoe", "jdoe-bearer").addPersona("default/engineers", "Engineers");
 *     AtlanClient client = AtlanClient.builder().baseUrl(atlan.baseUrl()).apiKey(admin.secret()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Behaviour: every call needs {@code Authorization: Bearer} with a seeded user's bearer or a
 * live token's secret (else 401). A created token's secret works as a bearer until the token is
 * deleted, expires on the fake's {@link #clock()}, or was created with an expiry past
 * 2038-01-19T03:14:07Z, which Atlan's identity server cannot store (its bearer then gets 401 from
 * birth). Display names need not be unique. Updates replace the persona set (what is left out is
 * unlinked); an unknown persona gives 400 with an Atlas-style error body. Index search returns only
 * assets the caller may read; bulk save changes only the attributes sent, and only for a caller
 * allowed to write the asset (else 403). Answers use the encodings the real server uses per
 * endpoint (numbers as strings in lists, persona lists as a JSON-encoded string, and so on); the
 * switches below force one encoding everywhere. The fake logs nothing.
 */
public final class FakeAtlan extends FakeServer {
    /** The last second a signed 32-bit epoch can hold: 2038-01-19T03:14:07Z. */
    private static final long LAST_32BIT_SECOND = Integer.MAX_VALUE;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a persona list is written in answers. */
    public enum PersonaEncoding {
        /** A list of objects {@code {id, persona, personaQualifiedName}}, as create answers. */
        OBJECTS,
        /** A list of qualified names, as update answers. */
        STRINGS,
        /** A JSON string holding a list of objects. */
        ENCODED_OBJECTS,
        /** A JSON string holding a list of qualified names, as list answers. */
        ENCODED_STRINGS
    }

    /**
     * A token seeded with {@link #addApiToken}. Its {@code toString} shows the secret redacted.
     *
     * @param guid the token's GUID
     * @param clientId its client id, {@code apikey-<uuid>}
     * @param displayName its display name
     * @param secret its secret, usable as a bearer
     */
    public record SeededToken(String guid, String clientId, String displayName, Secret secret) {
        /**
         * The username Atlan knows the token by.
         *
         * @return {@code service-account-<clientId>}
         */
        public String username() {
            return "service-account-" + clientId;
        }
    }

    private static final class Token {
        final String guid;
        final String clientId;
        final String secret;
        final long createdAtMillis;
        final long lifespan;
        final String createdBy;
        final long sequence;
        String displayName;
        String description;
        List<String> personas;

        Token(
                String guid,
                String clientId,
                String secret,
                long createdAtMillis,
                long lifespan,
                String createdBy,
                long sequence,
                String displayName,
                String description,
                List<String> personas) {
            this.guid = guid;
            this.clientId = clientId;
            this.secret = secret;
            this.createdAtMillis = createdAtMillis;
            this.lifespan = lifespan;
            this.createdBy = createdBy;
            this.sequence = sequence;
            this.displayName = displayName;
            this.description = description;
            this.personas = personas;
        }

        String username() {
            return "service-account-" + clientId;
        }

        @Override
        public String toString() {
            return "Token[" + guid + "]";
        }
    }

    private static final class Asset {
        final String guid;
        final String typeName;
        final String qualifiedName;
        String name;
        List<String> adminUsers = new ArrayList<>();
        List<String> viewerUsers = new ArrayList<>();
        final Set<String> readers = new HashSet<>();
        final Set<String> writers = new HashSet<>();

        Asset(String guid, String typeName, String qualifiedName, String name) {
            this.guid = guid;
            this.typeName = typeName;
            this.qualifiedName = qualifiedName;
            this.name = name;
        }
    }

    private record Persona(String id, String name) {}

    private record Style(boolean numbersAsStrings, PersonaEncoding personas) {}

    private static final Style LIST_STYLE = new Style(true, PersonaEncoding.ENCODED_STRINGS);
    private static final Style CREATE_STYLE = new Style(false, PersonaEncoding.OBJECTS);
    private static final Style UPDATE_STYLE = new Style(true, PersonaEncoding.STRINGS);

    private final Map<String, String> userBearers = new HashMap<>();
    private final Map<String, String> userIds = new HashMap<>();
    private final Map<String, Persona> personas = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private long sequence;

    private Boolean numbersAsStrings;
    private PersonaEncoding personaEncoding;
    private boolean deprecatedPersonas;
    private boolean omitTopLevelNames;
    private boolean omitCounts;
    private boolean updateLag;

    /** A fake whose clock shows the current time; call {@link #start()} before use. */
    public FakeAtlan() {
        this(new FakeClock());
    }

    /**
     * A fake with the given clock; call {@link #start()} before use.
     *
     * @param clock the clock tokens are created and expire by (share it with the client under test)
     */
    public FakeAtlan(FakeClock clock) {
        super(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @return this fake
     */
    public FakeAtlan start() {
        startServer();
        return this;
    }

    /**
     * The URL to give {@code AtlanClient.builder().baseUrl(...)}, e.g. {@code http://127.0.0.1:53219}.
     *
     * @return the base URL, without a trailing slash
     * @throws IllegalStateException before {@link #start()}
     */
    @Override
    public String baseUrl() {
        return super.baseUrl();
    }

    /** Stops the server; the fake's state is gone with it. */
    @Override
    public void close() {
        super.close();
    }

    // ------------------------------------------------------------------ seeding

    /**
     * Adds a real user (not an API token) with a bearer token, e.g. the one whose token is used as
     * the impersonation token.
     *
     * @param username the username, e.g. {@code jdoe}
     * @param bearer the bearer token value that authenticates as this user
     * @return this fake
     */
    public synchronized FakeAtlan addUser(String username, String bearer) {
        requireText(username, "username");
        requireText(bearer, "bearer");
        userBearers.put(bearer, username);
        userIds.putIfAbsent(username, UUID.randomUUID().toString());
        return this;
    }

    /**
     * Adds a persona that tokens may be linked to.
     *
     * @param qualifiedName the persona's qualified name, e.g. {@code default/Tq8vNw3LkZp2Rx7Ym4Hc1J}
     * @param name its display name
     * @return this fake
     */
    public synchronized FakeAtlan addPersona(String qualifiedName, String name) {
        requireText(qualifiedName, "qualifiedName");
        personas.put(qualifiedName, new Persona(UUID.randomUUID().toString(), Objects.requireNonNull(name, "name")));
        return this;
    }

    /**
     * Adds an API token, as if created now by user {@code fake-admin}.
     *
     * @param displayName the display name
     * @param description the description, or {@code ""}
     * @param personaQualifiedNames the linked personas (each must have been added)
     * @param lifespanSeconds the validity in seconds
     * @return the token, with the secret that works as its bearer
     */
    public synchronized SeededToken addApiToken(
            String displayName, String description, Set<String> personaQualifiedNames, long lifespanSeconds) {
        requireText(displayName, "displayName");
        for (String p : personaQualifiedNames) {
            if (!personas.containsKey(p)) {
                throw new IllegalArgumentException("unknown persona " + p + ": call addPersona first");
            }
        }
        Token t = newToken(
                displayName,
                Objects.requireNonNull(description, "description"),
                new ArrayList<>(personaQualifiedNames),
                lifespanSeconds,
                "fake-admin");
        return new SeededToken(t.guid, t.clientId, t.displayName, Secret.of(t.secret));
    }

    /**
     * Adds an API token without description or personas, valid for 5 years.
     *
     * @param displayName the display name
     * @return the token, with the secret that works as its bearer
     */
    public SeededToken addApiToken(String displayName) {
        return addApiToken(displayName, "", Set.of(), 157_680_000L);
    }

    /**
     * Adds an asset that index search and bulk save can reach, e.g. a {@code Connection} or a
     * {@code Collection}, with no admins or viewers and no one allowed to read or write it yet.
     *
     * @param guid the asset's GUID
     * @param typeName its type, e.g. {@code Connection}
     * @param qualifiedName its qualified name, e.g. {@code default/snowflake/1735689600}
     * @param name its name
     * @return this fake
     */
    public synchronized FakeAtlan addAsset(String guid, String typeName, String qualifiedName, String name) {
        requireText(guid, "guid");
        requireText(typeName, "typeName");
        requireText(qualifiedName, "qualifiedName");
        assets.put(guid, new Asset(guid, typeName, qualifiedName, name));
        return this;
    }

    /**
     * Sets an asset's {@code adminUsers}.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the admins, in order
     * @return this fake
     */
    public synchronized FakeAtlan setAdminUsers(String assetGuid, String... usernames) {
        asset(assetGuid).adminUsers = new ArrayList<>(List.of(usernames));
        return this;
    }

    /**
     * Sets an asset's {@code viewerUsers}.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the viewers, in order
     * @return this fake
     */
    public synchronized FakeAtlan setViewerUsers(String assetGuid, String... usernames) {
        asset(assetGuid).viewerUsers = new ArrayList<>(List.of(usernames));
        return this;
    }

    /**
     * Lets users find an asset with index search.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the users (or {@code service-account-...} token users)
     * @return this fake
     */
    public synchronized FakeAtlan allowRead(String assetGuid, String... usernames) {
        asset(assetGuid).readers.addAll(List.of(usernames));
        return this;
    }

    /**
     * Lets users read and change an asset with bulk save.
     *
     * @param assetGuid the asset's GUID
     * @param usernames the users
     * @return this fake
     */
    public synchronized FakeAtlan allowWrite(String assetGuid, String... usernames) {
        Asset a = asset(assetGuid);
        a.readers.addAll(List.of(usernames));
        a.writers.addAll(List.of(usernames));
        return this;
    }

    // ------------------------------------------------------------------ switches

    /**
     * Forces how {@code createdAt} and {@code access.token.lifespan} are written in every answer.
     *
     * @param asStrings true for JSON strings ({@code "1735689600000"}), false for numbers
     * @return this fake
     */
    public synchronized FakeAtlan numbersAsStrings(boolean asStrings) {
        this.numbersAsStrings = asStrings;
        return this;
    }

    /**
     * Forces how persona lists are written in every answer.
     *
     * @param encoding the encoding
     * @return this fake
     */
    public synchronized FakeAtlan personaEncoding(PersonaEncoding encoding) {
        this.personaEncoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /**
     * Adds the deprecated {@code attributes.personas} (a list of objects) to every token answer.
     *
     * @param on true to add it
     * @return this fake
     */
    public synchronized FakeAtlan deprecatedPersonas(boolean on) {
        this.deprecatedPersonas = on;
        return this;
    }

    /**
     * Leaves the top-level {@code clientId} and {@code displayName} out of token answers, so that
     * they appear only under {@code attributes}.
     *
     * @param on true to leave them out
     * @return this fake
     */
    public synchronized FakeAtlan omitTopLevelNames(boolean on) {
        this.omitTopLevelNames = on;
        return this;
    }

    /**
     * Leaves {@code totalRecord} and {@code filterRecord} out of list answers, as a server that
     * ignores {@code count=true} would.
     *
     * @param on true to leave them out
     * @return this fake
     */
    public synchronized FakeAtlan omitCounts(boolean on) {
        this.omitCounts = on;
        return this;
    }

    /**
     * Makes updates answer with the persona list as it was before the update (the change is stored
     * and shows in later reads), as Atlan was seen to do.
     *
     * @param on true to lag
     * @return this fake
     */
    public synchronized FakeAtlan updateLag(boolean on) {
        this.updateLag = on;
        return this;
    }

    // ------------------------------------------------------------------ inspection

    /**
     * An asset's current {@code adminUsers}.
     *
     * @param assetGuid the asset's GUID
     * @return a copy, in order
     */
    public synchronized List<String> adminUsers(String assetGuid) {
        return List.copyOf(asset(assetGuid).adminUsers);
    }

    /**
     * An asset's current {@code viewerUsers}.
     *
     * @param assetGuid the asset's GUID
     * @return a copy, in order
     */
    public synchronized List<String> viewerUsers(String assetGuid) {
        return List.copyOf(asset(assetGuid).viewerUsers);
    }

    /**
     * How many API tokens exist.
     *
     * @return the count
     */
    public synchronized int tokenCount() {
        return tokens.size();
    }

    /**
     * The GUIDs of the tokens with a display name.
     *
     * @param displayName the exact name
     * @return the GUIDs, oldest first
     */
    public synchronized List<String> tokenGuids(String displayName) {
        return tokens.values().stream()
                .filter(t -> t.displayName.equals(displayName))
                .map(t -> t.guid)
                .toList();
    }

    /**
     * The personas linked to a token, as stored.
     *
     * @param tokenGuid the token's GUID
     * @return the qualified names in order, or empty when no token has that GUID
     */
    public synchronized Optional<List<String>> personasOf(String tokenGuid) {
        Token t = tokens.get(tokenGuid);
        return t == null ? Optional.empty() : Optional.of(List.copyOf(t.personas));
    }

    // ------------------------------------------------------------------ handling

    @Override
    protected synchronized Reply handle(RecordedCall call) {
        String path = call.path();
        String requestId = call.header("X-Atlan-Request-Id").orElse(null);
        String caller = authenticate(call);
        if (caller == null) {
            ObjectNode body = NODES.objectNode().put("status", 401).put("url", path);
            return Reply.json(401, body);
        }
        String method = call.method();
        List<String> segments = call.url().pathSegments();
        try {
            if (path.equals("/api/service/apikeys")) {
                if (method.equals("GET")) {
                    return list(call);
                } else if (method.equals("POST")) {
                    return create(call, caller, requestId);
                }
            } else if (path.startsWith("/api/service/apikeys/") && segments.size() == 4) {
                String guid = segments.get(3);
                if (method.equals("POST")) {
                    return update(call, guid, requestId);
                } else if (method.equals("DELETE")) {
                    return delete(guid, requestId);
                }
            } else if (path.equals("/api/service/users/current") && method.equals("GET")) {
                return currentUser(caller);
            } else if (path.equals("/api/meta/search/indexsearch") && method.equals("POST")) {
                return indexSearch(call, caller, requestId);
            } else if (path.equals("/api/meta/entity/bulk") && method.equals("POST")) {
                return bulkSave(call, caller, requestId);
            }
        } catch (BadRequest e) {
            return atlasError(400, "ATLAS-400-00-001", e.getMessage(), requestId);
        }
        return atlasError(404, "ATLAS-404-00-001", "no such endpoint: " + method + " " + path, requestId);
    }

    private String authenticate(RecordedCall call) {
        String header = call.header("Authorization").orElse("");
        if (!header.startsWith("Bearer ")) {
            return null;
        }
        String bearer = header.substring("Bearer ".length()).trim();
        String user = userBearers.get(bearer);
        if (user != null) {
            return user;
        }
        long now = clock().instant().getEpochSecond();
        for (Token t : tokens.values()) {
            if (t.secret.equals(bearer)) {
                long expiry = t.createdAtMillis / 1000 + t.lifespan;
                // The identity server keeps expiry as a signed 32-bit second: past 2038 it wraps.
                boolean overflows = expiry > LAST_32BIT_SECOND;
                return overflows || now >= expiry ? null : t.username();
            }
        }
        return null;
    }

    private Reply list(RecordedCall call) {
        int limit = intParam(call, "limit", 20);
        int offset = intParam(call, "offset", 0);
        String sort = call.query("sort").orElse("-createdAt");
        if (!sort.equals("-createdAt") && !sort.equals("createdAt")) {
            throw new BadRequest("unsupported sort " + sort);
        }
        List<Token> matches = new ArrayList<>(tokens.values());
        Optional<String> filter = call.query("filter");
        if (filter.isPresent()) {
            JsonNode f;
            try {
                f = Json.MAPPER.readTree(filter.get());
            } catch (IOException e) {
                throw new BadRequest("filter is not JSON");
            }
            if (f == null || !f.isObject() || f.size() != 1) {
                throw new BadRequest("filter must be an object with one field");
            }
            String field = f.fieldNames().next();
            JsonNode v = f.get(field);
            if (!v.isTextual() || !Set.of("displayName", "clientId", "id").contains(field)) {
                throw new BadRequest("unsupported filter field " + field);
            }
            String value = v.asText();
            matches.removeIf(t -> !value.equals(
                    switch (field) {
                        case "displayName" -> t.displayName;
                        case "clientId" -> t.clientId;
                        default -> t.guid;
                    }));
        }
        Comparator<Token> order =
                Comparator.<Token>comparingLong(t -> t.createdAtMillis).thenComparingLong(t -> t.sequence);
        matches.sort(sort.startsWith("-") ? order.reversed() : order);
        ObjectNode body = NODES.objectNode();
        if (!omitCounts && call.query("count").map("true"::equals).orElse(false)) {
            body.put("totalRecord", tokens.size());
            body.put("filterRecord", matches.size());
        }
        ArrayNode records = body.putArray("records");
        for (int i = offset; i < Math.min(matches.size(), offset + limit); i++) {
            records.add(render(matches.get(i), false, LIST_STYLE, null));
        }
        return Reply.json(200, body);
    }

    private Reply create(RecordedCall call, String caller, String requestId) {
        JsonNode body = jsonBody(call);
        String displayName = requiredText(body, "displayName");
        List<String> wanted = personaList(body);
        String unknown = firstUnknownPersona(wanted);
        if (unknown != null) {
            return unknownPersona(unknown, requestId);
        }
        JsonNode validity = body.get("validitySeconds");
        if (validity == null || !validity.canConvertToLong() || validity.asLong() <= 0) {
            throw new BadRequest("validitySeconds must be a positive number");
        }
        Token t = newToken(displayName, textOr(body, "description", ""), wanted, validity.asLong(), caller);
        return Reply.json(200, render(t, true, CREATE_STYLE, null));
    }

    private Reply update(RecordedCall call, String guid, String requestId) {
        Token t = tokens.get(guid);
        if (t == null) {
            return atlasError(404, "ATLAS-404-00-005", "API token with id " + guid + " not found", requestId);
        }
        JsonNode body = jsonBody(call);
        String displayName = requiredText(body, "displayName");
        List<String> wanted = personaList(body);
        String unknown = firstUnknownPersona(wanted);
        if (unknown != null) {
            return unknownPersona(unknown, requestId);
        }
        List<String> before = t.personas;
        t.displayName = displayName;
        t.description = textOr(body, "description", "");
        t.personas = wanted;
        return Reply.json(200, render(t, false, UPDATE_STYLE, updateLag ? before : null));
    }

    private Reply delete(String guid, String requestId) {
        if (tokens.remove(guid) == null) {
            return atlasError(404, "ATLAS-404-00-005", "API token with id " + guid + " not found", requestId);
        }
        return Reply.empty(200);
    }

    private Reply currentUser(String caller) {
        ObjectNode user = NODES.objectNode();
        user.put("id", userIds.computeIfAbsent(caller, u -> UUID.randomUUID().toString()));
        user.put("username", caller);
        user.put("enabled", true);
        user.put("emailVerified", false);
        user.put("createdTimestamp", clock().millis());
        user.putObject("attributes");
        return Reply.json(200, user);
    }

    private Reply indexSearch(RecordedCall call, String caller, String requestId) {
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
            return searchByUser(body, caller, attributes);
        }
        Asset a = assets.get(guid);
        ObjectNode answer = NODES.objectNode().put("queryType", "INDEX");
        if (a == null || !a.readers.contains(caller)) {
            answer.put("approximateCount", 0);
            return Reply.json(200, answer);
        }
        answer.put("approximateCount", 1);
        renderAsset(answer.putArray("entities"), a, attributes);
        return Reply.json(200, answer);
    }

    /**
     * Index search for the assets where a user is in {@code adminUsers} or {@code viewerUsers}: a
     * {@code bool.should} of {@code term}s on those fields, paged with {@code from} and {@code
     * size}, in GUID order; only assets the caller may read.
     */
    private Reply searchByUser(JsonNode body, String caller, List<String> attributes) {
        JsonNode dsl = body.path("dsl");
        Map<String, Set<String>> wanted = new HashMap<>();
        for (JsonNode clause : dsl.path("query").path("bool").path("should")) {
            for (String field : List.of("adminUsers", "viewerUsers")) {
                JsonNode v = clause.path("term").path(field).path("value");
                if (v.isTextual()) {
                    wanted.computeIfAbsent(field, f -> new HashSet<>()).add(v.asText());
                }
            }
        }
        if (wanted.isEmpty()) {
            throw new BadRequest("the fake answers only index searches for one __guid, or for adminUsers or"
                    + " viewerUsers terms in bool.should");
        }
        List<Asset> matches = assets.values().stream()
                .filter(a -> a.readers.contains(caller))
                .filter(a -> a.adminUsers.stream().anyMatch(wanted.getOrDefault("adminUsers", Set.of())::contains)
                        || a.viewerUsers.stream().anyMatch(wanted.getOrDefault("viewerUsers", Set.of())::contains))
                .sorted(Comparator.comparing((Asset a) -> a.guid))
                .toList();
        int from = dsl.path("from").asInt(0);
        int size = dsl.path("size").asInt(10);
        ObjectNode answer = NODES.objectNode().put("queryType", "INDEX").put("approximateCount", matches.size());
        ArrayNode entities = answer.putArray("entities");
        for (Asset a : matches.subList(Math.min(from, matches.size()), Math.min(from + size, matches.size()))) {
            renderAsset(entities, a, attributes);
        }
        return Reply.json(200, answer);
    }

    private static void renderAsset(ArrayNode entities, Asset a, List<String> attributes) {
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

    private Reply bulkSave(RecordedCall call, String caller, String requestId) {
        JsonNode entities = jsonBody(call).get("entities");
        if (entities == null || !entities.isArray() || entities.isEmpty()) {
            throw new BadRequest("entities must be a non-empty list");
        }
        ObjectNode answer = NODES.objectNode();
        ObjectNode mutated = answer.putObject("mutatedEntities");
        ObjectNode assignments = answer.putObject("guidAssignments");
        for (JsonNode e : entities) {
            String typeName = requiredText(e, "typeName");
            String sentGuid = requiredText(e, "guid");
            JsonNode attrs = e.path("attributes");
            String qualifiedName = requiredText(attrs, "qualifiedName");
            Asset a = sentGuid.startsWith("-")
                    ? assets.values().stream()
                            .filter(x -> x.typeName.equals(typeName) && x.qualifiedName.equals(qualifiedName))
                            .findFirst()
                            .orElse(null)
                    : assets.get(sentGuid);
            String kind = "UPDATE";
            if (a == null) {
                a = new Asset(UUID.randomUUID().toString(), typeName, qualifiedName, textOr(attrs, "name", null));
                a.readers.add(caller);
                a.writers.add(caller);
                assets.put(a.guid, a);
                kind = "CREATE";
            } else if (!a.writers.contains(caller)) {
                return atlasError(
                        403,
                        "ATLAS-403-00-001",
                        caller + " is not authorized to perform update entity: " + typeName + ":" + qualifiedName,
                        requestId);
            }
            boolean changed = kind.equals("CREATE");
            if (attrs.hasNonNull("name") && !attrs.get("name").asText().equals(a.name)) {
                a.name = attrs.get("name").asText();
                changed = true;
            }
            if (attrs.has("adminUsers")) {
                List<String> users = usernames(attrs.get("adminUsers"));
                changed |= !users.equals(a.adminUsers);
                a.adminUsers = users;
            }
            if (attrs.has("viewerUsers")) {
                List<String> users = usernames(attrs.get("viewerUsers"));
                changed |= !users.equals(a.viewerUsers);
                a.viewerUsers = users;
            }
            if (sentGuid.startsWith("-")) {
                assignments.put(sentGuid, a.guid);
            }
            if (changed) {
                ArrayNode list = mutated.has(kind) ? (ArrayNode) mutated.get(kind) : mutated.putArray(kind);
                ObjectNode m = list.addObject().put("typeName", a.typeName).put("guid", a.guid);
                m.putObject("attributes").put("qualifiedName", a.qualifiedName).put("name", a.name);
            }
        }
        return Reply.json(200, answer);
    }

    // ------------------------------------------------------------------ rendering

    private ObjectNode render(Token t, boolean withSecret, Style endpointStyle, List<String> shownPersonas) {
        boolean strings = numbersAsStrings != null ? numbersAsStrings : endpointStyle.numbersAsStrings();
        PersonaEncoding encoding = personaEncoding != null ? personaEncoding : endpointStyle.personas();
        List<String> shown = shownPersonas != null ? shownPersonas : t.personas;
        ObjectNode n = NODES.objectNode();
        n.put("id", t.guid);
        if (!omitTopLevelNames) {
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
                Persona p =
                        personas.getOrDefault(qn, new Persona(UUID.randomUUID().toString(), qn));
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
        if (deprecatedPersonas) {
            ArrayNode old = a.putArray("personas");
            for (String qn : shown) {
                old.addObject().put("id", UUID.randomUUID().toString()).put("name", qn);
            }
        }
        return n;
    }

    private static Reply atlasError(int status, String errorCode, String message, String requestId) {
        ObjectNode body = NODES.objectNode();
        body.put("code", status);
        body.put("errorCode", errorCode);
        body.put("errorMessage", message);
        body.put("errorCause", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return Reply.json(status, body);
    }

    private static Reply unknownPersona(String qualifiedName, String requestId) {
        return atlasError(
                400, "ATLAS-400-00-08A", "Persona with qualifiedName " + qualifiedName + " not found", requestId);
    }

    // ------------------------------------------------------------------ helpers

    private Token newToken(
            String displayName, String description, List<String> personaList, long lifespan, String createdBy) {
        String uuid = UUID.randomUUID().toString();
        Token t = new Token(
                UUID.randomUUID().toString(),
                "apikey-" + uuid,
                newSecret(),
                clock().millis(),
                lifespan,
                createdBy,
                sequence++,
                displayName,
                description,
                new ArrayList<>(personaList));
        tokens.put(t.guid, t);
        return t;
    }

    private static String newSecret() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] payload = new byte[48];
        byte[] signature = new byte[32];
        RANDOM.nextBytes(payload);
        RANDOM.nextBytes(signature);
        return "eyJhbGciOiJSUzI1NiJ9." + b64.encodeToString(payload) + "." + b64.encodeToString(signature);
    }

    private Asset asset(String guid) {
        Asset a = assets.get(guid);
        if (a == null) {
            throw new IllegalArgumentException("no asset " + guid + ": call addAsset first");
        }
        return a;
    }

    private String firstUnknownPersona(List<String> wanted) {
        return wanted.stream().filter(p -> !personas.containsKey(p)).findFirst().orElse(null);
    }

    private static List<String> personaList(JsonNode body) {
        JsonNode list = body.get("personaQualifiedNames");
        if (list == null || list.isNull()) {
            return new ArrayList<>();
        }
        if (!list.isArray()) {
            throw new BadRequest("personaQualifiedNames must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isTextual()) {
                throw new BadRequest("personaQualifiedNames must hold strings");
            }
            if (!out.contains(p.asText())) {
                out.add(p.asText());
            }
        }
        return out;
    }

    private static List<String> usernames(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new BadRequest("user lists must be lists of usernames");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode u : list) {
            if (!u.isTextual()) {
                throw new BadRequest("user lists must be lists of usernames");
            }
            out.add(u.asText());
        }
        return out;
    }

    private static JsonNode jsonBody(RecordedCall call) {
        try {
            JsonNode n = call.json();
            if (!n.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return n;
        } catch (java.io.UncheckedIOException e) {
            throw new BadRequest("the body is not JSON");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequest(field + " is required");
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
                throw new BadRequest(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
