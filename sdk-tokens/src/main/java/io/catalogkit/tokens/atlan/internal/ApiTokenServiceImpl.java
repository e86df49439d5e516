package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ApiTokenService} over Atlan's {@code /api/service/apikeys} endpoints, the current-user
 * endpoint, index search and bulk save (see the Atlan wire contract). Thread-safe and stateless
 * apart from its transport: every URL is built afresh per call.
 */
public final class ApiTokenServiceImpl implements ApiTokenService {
    static final String APIKEYS = "api/service/apikeys";
    static final String CURRENT_USER = "api/service/users/current";
    static final String INDEX_SEARCH = "api/meta/search/indexsearch";
    static final String BULK_SAVE = "api/meta/entity/bulk";
    /** One lookup asks for up to this many records; more than one match is an error anyway. */
    static final int LOOKUP_LIMIT = 100;
    /** The most personas one call may name. */
    static final int MAX_PERSONAS = 1000;
    /** Atlan can take minutes to create a token (atlan-java allows 6). */
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(6);

    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";
    static final String ADMIN_USERS = "adminUsers";
    static final String VIEWER_USERS = "viewerUsers";

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenServiceImpl.class);

    private final Transport transport;
    private final ApiTokenRotation rotation;

    /**
     * Creates the service.
     *
     * @param transport the client's transport
     * @param apiKey the client's own API key (the one the transport sends), switched by a rotation of
     *     the token it belongs to
     */
    public ApiTokenServiceImpl(Transport transport, HeldCredential apiKey) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.rotation = new ApiTokenRotation(
                this,
                key -> new ApiTokenServiceImpl(
                        transport.withCredentials(Credentials.bearer(key)),
                        HeldCredential.fixed(key, "API key", "Atlan")),
                new AssetSearch(transport),
                apiKey,
                () -> currentUsername("rotate API token", null),
                transport.options().sleeper());
    }

    // ---------------------------------------------------------------- create

    @Override
    public ApiToken create(
            String displayName, String description, Set<String> personaQualifiedNames, Long validitySeconds) {
        Args.line(displayName, Args.MAX_NAME, "displayName");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        Set<String> personas =
                personaQualifiedNames == null ? Set.of() : personaSet(personaQualifiedNames, "personaQualifiedNames");
        long validity =
                Validity.toWire(validitySeconds, transport.options().clock().instant());
        String lookUp = "Before trying again, look the token up by name (retrieveByName) and purge or keep what"
                + " you find: it may have been created.";
        ApiRequest request = ApiRequest.builder("create API token", "POST")
                .path(APIKEYS)
                .body(new AtlanWire.CreateBody(
                        displayName, description == null ? "" : description, List.copyOf(personas), validity))
                .timeout(CREATE_TIMEOUT)
                .ambiguousFailureHint(lookUp)
                .hints((status, code) ->
                        status >= 500 ? "Atlan failed, but the token may exist anyway. " + lookUp : null)
                .build();
        Answer ex = transport.exchange(request);
        ApiToken token = token(ex, ex.body());
        if (token.getAccessToken().isEmpty()) {
            throw ex.malformed("the new token's secret ('attributes.accessToken'); API token "
                    + ex.quote(token.getGuid()) + " exists without a secret anyone can use: purge it");
        }
        transport.redactor().holdRecent(token.getAccessToken().get());
        return token;
    }

    // ---------------------------------------------------------------- look-ups

    @Override
    public Optional<ApiToken> retrieveByName(String displayName) {
        Args.line(displayName, Args.MAX_NAME, "displayName");
        return single("retrieve API token by name", "displayName", displayName, ApiToken::getDisplayName);
    }

    @Override
    public Optional<ApiToken> getById(String clientId) {
        Args.id(clientId, "clientId");
        String id = clientId.startsWith(SERVICE_ACCOUNT_PREFIX)
                ? clientId.substring(SERVICE_ACCOUNT_PREFIX.length())
                : clientId;
        Args.notBlank(id, "clientId");
        return single("get API token by client id", "clientId", id, ApiToken::getClientId);
    }

    @Override
    public Optional<ApiToken> getByGuid(String guid) {
        Args.id(guid, "guid");
        return single("get API token by GUID", "id", guid, ApiToken::getGuid);
    }

    private Optional<ApiToken> single(
            String operation, String field, String value, Function<ApiToken, String> property) {
        // What Jackson writes for Map.of(field, value), without a serializer per call.
        String filter = "{\"" + field + "\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"}";
        ApiRequest request =
                listRequest(operation, 0, LOOKUP_LIMIT).query("filter", filter).build();
        // Server-side matching rules are not documented: keep only exact matches.
        List<ApiToken> matches = listing(request).records().stream()
                .filter(t -> value.equals(property.apply(t)))
                .toList();
        if (matches.size() > 1) {
            throw new CatalogKitException("Atlan " + operation + ": " + matches.size() + " API tokens have "
                    + field + " '" + value + "' (GUIDs "
                    + transport
                            .redactor()
                            .quote(matches.stream().map(ApiToken::getGuid).collect(Collectors.joining(", ")))
                    + "); pick one and use getByGuid");
        }
        return matches.stream().findFirst();
    }

    // ---------------------------------------------------------------- list

    @Override
    public Page<ApiToken> list(int offset, int limit) {
        Args.page(offset, "offset", limit, "limit", Page.MAX_SIZE);
        Listing page = listing(listRequest("list API tokens", offset, limit).build());
        int size = page.records().size();
        Integer count = positive(page.filterRecord()) != null ? page.filterRecord() : positive(page.totalRecord());
        boolean hasNext;
        int total;
        if (size == 0) {
            hasNext = false;
            total = count != null ? count : offset;
        } else if (count != null) {
            hasNext = (long) offset + size < count;
            total = count;
        } else {
            // The server did not count: a full page may have more behind it.
            hasNext = size >= limit;
            total = (int) Math.min(Integer.MAX_VALUE, (long) offset + size);
        }
        // A server may answer more records than asked: never page past the largest offset.
        long next = (long) offset + size;
        hasNext = hasNext && next + limit <= Integer.MAX_VALUE;
        return Page.of(page.records(), total, hasNext ? () -> list((int) next, limit) : null);
    }

    private ApiRequest.Builder listRequest(String operation, int offset, int limit) {
        return ApiRequest.builder(operation, "GET")
                .path(APIKEYS)
                .query("limit", Integer.toString(limit))
                .query("offset", Integer.toString(offset))
                .query("sort", "-createdAt")
                .query("count", "true")
                .safeToRetry(true);
    }

    private record Listing(Integer totalRecord, Integer filterRecord, List<ApiToken> records) {}

    private Listing listing(ApiRequest request) {
        Answer ex = transport.exchange(request);
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

    private static Integer positive(Integer n) {
        return n != null && n > 0 ? n : null;
    }

    // ---------------------------------------------------------------- update, personas

    @Override
    public ApiToken update(String guid, String displayName, String description, Set<String> personaQualifiedNames) {
        Args.id(guid, "guid");
        if (displayName != null) {
            Args.line(displayName, Args.MAX_NAME, "displayName");
        }
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        Set<String> personas =
                personaQualifiedNames == null ? null : personaSet(personaQualifiedNames, "personaQualifiedNames");
        if (displayName != null && description != null && personas != null) {
            return send(UPDATE, guid, displayName, description, personas);
        }
        // A null argument keeps the current value: read it rather than sending an empty one.
        ApiToken current = require(guid, UPDATE);
        return send(
                UPDATE,
                guid,
                displayName != null ? displayName : current.getDisplayName(),
                description != null ? description : current.getDescription().orElse(""),
                personas != null ? personas : current.getPersonaQualifiedNames());
    }

    @Override
    public ApiToken linkPersonas(String guid, Set<String> add) {
        Args.id(guid, "guid");
        Set<String> added = personaSet(add, "add");
        ApiToken current = require(guid, LINK);
        Set<String> merged = new LinkedHashSet<>(current.getPersonaQualifiedNames());
        merged.addAll(added);
        if (merged.equals(current.getPersonaQualifiedNames())) {
            return current;
        }
        return send(
                LINK, guid, current.getDisplayName(), current.getDescription().orElse(""), merged);
    }

    @Override
    public ApiToken unlinkPersonas(String guid, Set<String> remove) {
        Args.id(guid, "guid");
        Set<String> removed = personaSet(remove, "remove");
        ApiToken current = require(guid, UNLINK);
        Set<String> kept = new LinkedHashSet<>(current.getPersonaQualifiedNames());
        kept.removeAll(removed);
        if (kept.equals(current.getPersonaQualifiedNames())) {
            return current;
        }
        return send(
                UNLINK, guid, current.getDisplayName(), current.getDescription().orElse(""), kept);
    }

    private static final String UPDATE = "update API token";
    private static final String LINK = "link personas to API token";
    private static final String UNLINK = "unlink personas from API token";

    /** Sends a full replacement; {@code operation} names what the caller asked for in messages. */
    private ApiToken send(String operation, String guid, String displayName, String description, Set<String> personas) {
        // A full replacement: sending it twice gives the same result, so it may be retried.
        ApiRequest request = ApiRequest.builder(operation, "POST")
                .path(APIKEYS)
                .pathParam(guid)
                .body(new AtlanWire.UpdateBody(displayName, description, List.copyOf(personas)))
                .safeToRetry(true)
                .hints((status, code) -> status == 404
                        ? "No API token has GUID " + guid + "; it may have been purged."
                        : status == 400 ? "Check that every persona qualified name exists." : null)
                .build();
        Answer ex = transport.exchange(request);
        ApiToken answered = null;
        if (ex.object().isPresent()) {
            try {
                answered = AtlanWire.token(ex.body());
            } catch (AtlanWire.Malformed e) {
                LOG.debug("Atlan {}: the answer is not a readable token; reading it again", operation);
            }
        }
        if (answered != null && !answered.getGuid().equals(guid)) {
            // Believing it would hand the caller another token under the GUID they asked for.
            LOG.warn("Atlan {}: the answer names another GUID than the one updated", operation);
            throw ex.malformed(
                    "the updated token, GUID " + guid + ", but the answer named " + ex.quote(answered.getGuid()));
        }
        if (answered != null
                && answered.getDisplayName().equals(displayName)
                && answered.getPersonaQualifiedNames().equals(personas)) {
            return answered;
        }
        // Atlan may answer with the old persona list and show the change a moment later.
        Optional<ApiToken> reread = getByGuid(guid);
        if (reread.isPresent()) {
            return reread.get();
        }
        if (answered != null) {
            return answered;
        }
        throw new NotFoundException(
                "Atlan " + operation + ": the update of " + guid + " was accepted, but no token with that GUID"
                        + " can be read back; it may have been purged meanwhile.",
                404,
                ex.requestId(),
                null,
                "GET",
                "/" + APIKEYS);
    }

    private ApiToken require(String guid, String operation) {
        return getByGuid(guid)
                .orElseThrow(() -> new NotFoundException(
                        "Atlan " + operation + ": no API token has GUID " + guid
                                + ". Check the GUID; the token may have been purged.",
                        404,
                        null,
                        null,
                        "GET",
                        "/" + APIKEYS));
    }

    // ---------------------------------------------------------------- purge

    @Override
    public void purge(String guid) {
        Args.id(guid, "guid");
        ApiRequest request = ApiRequest.builder("purge API token", "DELETE")
                .path(APIKEYS)
                .pathParam(guid)
                .safeToRetry(true)
                // a replay that finds the token gone means an earlier attempt deleted it
                .doneIfReplayAnswers(404)
                .hints((status, code) ->
                        status == 404 ? "No API token has GUID " + guid + "; it may be gone already." : null)
                .build();
        transport.exchange(request);
    }

    // ---------------------------------------------------------------- add as admin / viewer

    @Override
    public void addApiTokenAsAdmin(String assetGuid, Secret impersonationToken) {
        addToAsset(assetGuid, impersonationToken, ADMIN_USERS, "add API token as admin");
    }

    @Override
    public void addApiTokenAsViewer(String collectionGuid, Secret impersonationToken) {
        addToAsset(collectionGuid, impersonationToken, VIEWER_USERS, "add API token as viewer");
    }

    private void addToAsset(String assetGuid, Secret impersonationToken, String attribute, String operation) {
        Args.id(assetGuid, attribute.equals(VIEWER_USERS) ? "collectionGuid" : "assetGuid");
        Args.headerSafe(impersonationToken, "impersonationToken");
        String username = currentUsername(operation, impersonationToken);
        Credentials impersonation = Credentials.bearer(impersonationToken);
        Asset asset = findAsset(operation, assetGuid, attribute, impersonation, impersonationToken)
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
        String placeholder = "-" + ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        ApiRequest save = ApiRequest.builder(operation + ": save asset with the impersonation token", "POST")
                .path(BULK_SAVE)
                .query("replaceTags", "false")
                .query("appendTags", "false")
                .query("replaceBusinessAttributes", "false")
                .query("overwriteBusinessAttributes", "false")
                .body(AtlanWire.saveAsset(
                        asset.typeName(), placeholder, asset.qualifiedName(), asset.name(), attribute, users))
                .credentials(impersonation)
                .secrets(impersonationToken)
                // The full list is sent: a replay gives the same result.
                .safeToRetry(true)
                .hints(impersonationHints(assetGuid, "change"))
                .build();
        Answer ex = transport.exchange(save);
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
        Optional<Asset> after = findAsset(operation, assetGuid, attribute, impersonation, impersonationToken);
        if (after.isPresent() && after.get().users().contains(username)) {
            return;
        }
        throw new CatalogKitException("Atlan " + operation + ": Atlan accepted the save of asset " + assetGuid
                + " but " + quote(username, impersonationToken) + " is not in its " + attribute
                + "; nothing else was changed by catalogkit."
                + " Check the asset in Atlan and try again.");
    }

    private String currentUsername(String operation, Secret impersonationToken) {
        ApiRequest request = ApiRequest.builder(operation + ": read the current user with the client's API key", "GET")
                .path(CURRENT_USER)
                .safeToRetry(true)
                .hints((status, code) -> status == 401
                        ? "The client's own API key was refused (not the impersonation token): it may be wrong,"
                                + " expired or purged."
                        : status == 403 ? "The client's own API key may not read its own user." : null)
                // Not sent here, but an argument of this operation: no message of it may show it.
                .secrets(impersonationToken)
                .build();
        Answer ex = transport.exchange(request);
        String username = Json.text(Json.field(ex.body(), "username"));
        if (username == null) {
            throw ex.malformed("a user object with 'username'");
        }
        if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            throw new CatalogKitException("Atlan " + operation + ": the client's API key belongs to user '"
                    + quote(username, impersonationToken)
                    + "', not to an API token (whose user is named service-account-apikey-...); catalogkit adds only"
                    + " the client's own API token, never a person. Build the client with an API token's secret.");
        }
        return username;
    }

    private record Asset(String typeName, String qualifiedName, String name, List<String> users) {}

    private Optional<Asset> findAsset(
            String operation, String guid, String attribute, Credentials impersonation, Secret impersonationToken) {
        ApiRequest request = ApiRequest.builder(operation + ": find asset with the impersonation token", "POST")
                .path(INDEX_SEARCH)
                .body(AtlanWire.findAsset(guid, attribute))
                .credentials(impersonation)
                .secrets(impersonationToken)
                .safeToRetry(true)
                .hints(impersonationHints(guid, "read"))
                .build();
        Answer ex = transport.exchange(request);
        JsonNode body = ex.requireObject("a JSON object with entities");
        JsonNode entities = body.get("entities");
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
                List<String> users = AtlanWire.usernames(attributes.get(attribute), attribute);
                return Optional.of(new Asset(typeName, qualifiedName, Json.text(attributes.get("name")), users));
            } catch (AtlanWire.Malformed m) {
                throw ex.malformed(m.getMessage());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(JsonNode list, Asset asset, String guid) {
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

    private static ApiRequest.ErrorHints impersonationHints(String guid, String verb) {
        return (status, code) -> {
            if (status == 401) {
                return "The impersonation token was refused (not the client's own API key): it may be wrong or"
                        + " expired; it must be the bearer token of a real user who administers the asset.";
            } else if (status == 403) {
                return "The impersonation token's user may not " + verb + " asset " + guid
                        + ": use the bearer token of a user who administers it.";
            } else if (status == 404) {
                return "Asset " + guid + " was not found by the impersonation token's user.";
            }
            return null;
        };
    }

    private static NotFoundException notVisible(String operation, String guid) {
        return new NotFoundException(
                "Atlan " + operation + ": no active asset with GUID " + guid + " is visible to the impersonation"
                        + " token's user (it is missing, deleted, or that user cannot see it).",
                404,
                null,
                null,
                "POST",
                "/" + INDEX_SEARCH);
    }

    // ---------------------------------------------------------------- rotate

    @Override
    public Rotation<ApiToken> rotate(String guid, SecretSink sink) {
        return rotation.rotate(guid, sink, null, Duration.ZERO);
    }

    @Override
    public Rotation<ApiToken> rotate(String guid, SecretSink sink, Duration grace) {
        return rotation.rotate(guid, sink, null, Rotator.checkGrace(grace));
    }

    @Override
    public Rotation<ApiToken> rotate(String guid, SecretSink sink, Secret impersonationToken) {
        return rotation.rotate(
                guid, sink, Objects.requireNonNull(impersonationToken, "impersonationToken"), Duration.ZERO);
    }

    // ---------------------------------------------------------------- helpers

    private static ApiToken token(Answer ex, JsonNode node) {
        try {
            return AtlanWire.token(node);
        } catch (AtlanWire.Malformed e) {
            throw ex.malformed(e.getMessage());
        }
    }

    /** Server text for a message, cleaned also of the impersonation token of the call at hand. */
    private String quote(String serverText, Secret impersonationToken) {
        return transport
                .redactor()
                .clean(serverText, impersonationToken == null ? List.of() : List.of(impersonationToken));
    }

    private static Set<String> personaSet(Set<String> names, String argument) {
        return new LinkedHashSet<>(Args.lines(names, MAX_PERSONAS, Args.MAX_QUALIFIED_NAME, argument));
    }
}
