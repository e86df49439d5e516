package io.catalogkit.tokens.atlan.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ApiTokenService} over {@link AtlanApi}: argument checks, the calls, and the reading of
 * their answers by {@link AtlanWire}; adding the client's token to assets is {@link AssetAccess}'s,
 * rotating {@link ApiTokenRotation}'s. Thread-safe and stateless apart from its API.
 */
public final class ApiTokenServiceImpl implements ApiTokenService {
    /** One lookup asks for up to this many records; more than one match is an error anyway. */
    static final int LOOKUP_LIMIT = 100;
    /** The most personas one call may name. */
    static final int MAX_PERSONAS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenServiceImpl.class);

    private final AtlanApi api;
    private final AssetAccess assets;
    private final ApiTokenRotation rotation;

    /**
     * Creates the service.
     *
     * @param transport the client's transport
     * @param apiKey the client's own API key (the one the transport sends), switched by a rotation of
     *     the token it belongs to
     */
    public ApiTokenServiceImpl(Transport transport, HeldCredential apiKey) {
        this(new AtlanApi(transport), apiKey);
    }

    ApiTokenServiceImpl(AtlanApi api, HeldCredential apiKey) {
        this.api = Objects.requireNonNull(api, "api");
        this.assets = new AssetAccess(api);
        this.rotation = new ApiTokenRotation(this, api, assets, apiKey);
    }

    // ---------------------------------------------------------------- create

    @Override
    public ApiToken create(
            String displayName, String description, Set<String> personaQualifiedNames, Long validitySeconds) {
        Args.line(displayName, Args.MAX_NAME, "displayName");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        Set<String> personas =
                personaQualifiedNames == null ? Set.of() : personaSet(personaQualifiedNames, "personaQualifiedNames");
        long validity = Validity.toWire(validitySeconds, api.options().clock().instant());
        Answer ex = api.create(new AtlanWire.CreateBody(
                displayName, description == null ? "" : description, List.copyOf(personas), validity));
        ApiToken token = AtlanWire.token(ex, ex.body());
        if (token.getAccessToken().isEmpty()) {
            throw ex.malformed("the new token's secret ('attributes.accessToken'); API token "
                    + ex.quote(token.getGuid()) + " exists without a secret anyone can use: purge it");
        }
        api.redactor().holdRecent(token.getAccessToken().get());
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
        String id = clientId.startsWith(AtlanWire.SERVICE_ACCOUNT_PREFIX)
                ? clientId.substring(AtlanWire.SERVICE_ACCOUNT_PREFIX.length())
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
        AtlanWire.Listing page =
                AtlanWire.listing(api.list(operation, 0, LOOKUP_LIMIT, AtlanWire.filter(field, value)));
        // Server-side matching rules are not documented: keep only exact matches.
        List<ApiToken> matches = page.records().stream()
                .filter(t -> value.equals(property.apply(t)))
                .toList();
        if (matches.size() > 1) {
            throw new CatalogKitException("Atlan " + operation + ": " + matches.size() + " API tokens have "
                    + field + " '" + value + "' (GUIDs "
                    + api.redactor()
                            .quote(matches.stream().map(ApiToken::getGuid).collect(Collectors.joining(", ")))
                    + "); pick one and use getByGuid");
        }
        return matches.stream().findFirst();
    }

    // ---------------------------------------------------------------- list

    @Override
    public Page<ApiToken> list(int offset, int limit) {
        Args.page(offset, "offset", limit, "limit", Page.MAX_SIZE);
        AtlanWire.Listing page = AtlanWire.listing(api.list("list API tokens", offset, limit, null));
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
        Answer ex =
                api.update(operation, guid, new AtlanWire.UpdateBody(displayName, description, List.copyOf(personas)));
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
        throw AtlanApi.tokenNotFound(
                "Atlan " + operation + ": the update of " + guid + " was accepted, but no token with that GUID"
                        + " can be read back; it may have been purged meanwhile.",
                ex.requestId());
    }

    private ApiToken require(String guid, String operation) {
        return getByGuid(guid)
                .orElseThrow(() -> AtlanApi.tokenNotFound(
                        "Atlan " + operation + ": no API token has GUID " + guid
                                + ". Check the GUID; the token may have been purged.",
                        null));
    }

    // ---------------------------------------------------------------- purge

    @Override
    public void purge(String guid) {
        Args.id(guid, "guid");
        api.purge(guid);
    }

    // ---------------------------------------------------------------- add as admin / viewer

    @Override
    public void addApiTokenAsAdmin(String assetGuid, Secret impersonationToken) {
        assets.addAsAdmin(assetGuid, impersonationToken);
    }

    @Override
    public void addApiTokenAsViewer(String collectionGuid, Secret impersonationToken) {
        assets.addAsViewer(collectionGuid, impersonationToken);
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

    private static Set<String> personaSet(Set<String> names, String argument) {
        return new LinkedHashSet<>(Args.lines(names, MAX_PERSONAS, Args.MAX_QUALIFIED_NAME, argument));
    }
}
