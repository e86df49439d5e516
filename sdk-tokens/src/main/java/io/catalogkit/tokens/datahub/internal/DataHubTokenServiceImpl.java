package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import io.catalogkit.tokens.internal.Hints;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DataHubTokenService} over DataHub's GraphQL API. Thread-safe. */
public final class DataHubTokenServiceImpl implements DataHubTokenService {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.tokens.datahub");

    static final String GENERATE = "'Generate Personal Access Tokens'";
    static final String MANAGE = "'Manage All Access Tokens'";
    static final String REVOKED_MAYBE = "The token may have been revoked: list the tokens to check before revoking"
            + " again (a second revoke is an error).";
    static final String CREATED_MAYBE =
            "The token may have been created: list the tokens by owner and name before creating it again.";
    static final String SCHEMA_HINT = "The server's GraphQL schema differs from the one catalogkit was built against"
            + " (an older or newer DataHub?): its message names what it rejected.";

    private final DataHubApi graphQl;
    private final Transport transport;
    private final HeldCredential clientToken;
    private final Clock clock;
    private final AccessTokenRotation rotation;

    /**
     * Creates the service.
     *
     * @param transport the client's transport (it sends the client's token)
     * @param clientToken the client's own token, decoded only for messages (expiry, own urn)
     */
    public DataHubTokenServiceImpl(Transport transport, HeldCredential clientToken) {
        this.graphQl = new DataHubApi(transport);
        this.transport = transport;
        this.clientToken = Objects.requireNonNull(clientToken, "clientToken");
        this.clock = transport.options().clock();
        this.rotation = new AccessTokenRotation(
                this,
                () -> Jwt.actorUrn(clientToken.get()),
                token -> new DataHubTokenServiceImpl(
                        transport.withCredentials(Credentials.bearer(token)),
                        HeldCredential.fixed(token, "token", "DataHub")),
                clientToken,
                transport.options().sleeper());
    }

    @Override
    public AccessToken create(String actorUrn, AccessTokenDuration duration, String name, String description) {
        Args.urn(actorUrn, Jwt.CORP_USER, "actorUrn");
        Args.notNull(duration, "duration");
        Args.line(name, Args.MAX_NAME, "name");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        return createToken(
                "PERSONAL",
                actorUrn,
                duration,
                name,
                description,
                "create access token",
                "Creating a token needs the " + GENERATE + " privilege when actorUrn is the caller itself," + " and "
                        + MANAGE + " for anyone else.");
    }

    @Override
    public AccessToken create(String actorUrn, Duration lifetime, String name, String description) {
        Args.urn(actorUrn, Jwt.CORP_USER, "actorUrn");
        Args.notNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        Args.line(name, Args.MAX_NAME, "name");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        String iso = iso(lifetime);
        DataHubWire.CreateAccessTokenInput input =
                new DataHubWire.CreateAccessTokenInput("PERSONAL", actorUrn, null, name, description, iso);
        ApiRequest.ErrorHints base = hints(
                "Creating a token needs the " + GENERATE + " privilege when actorUrn is the caller itself," + " and "
                        + MANAGE + " for anyone else.",
                null);
        String refused = "The server refused the lifetime " + iso + ": its message lists the lifetimes it allows"
                + " (ACCESS_TOKEN_ALLOWED_DURATIONS; never-expiring tokens need ACCESS_TOKEN_ALLOW_NO_EXPIRY=true).";
        try {
            return create(
                    DataHubApi.request(
                                    "create access token",
                                    DataHubApi.CREATE,
                                    DataHubApi.CREATE_OPERATION,
                                    new DataHubWire.InputVariables(input))
                            .hints(Hints.mayHaveActed(
                                    (status, code) -> status == 400 && !DataHubApi.VALIDATION_ERROR.equals(code)
                                            ? refused
                                            : base.hint(status, code),
                                    CREATED_MAYBE)),
                    actorUrn,
                    name,
                    description);
        } catch (ApiException e) {
            if (!DataHubApi.VALIDATION_ERROR.equals(e.errorCode().orElse(null))
                    || e.getMessage() == null
                    || !e.getMessage().contains("durationIso")) {
                throw e;
            }
            throw DataHubApi.restate(
                    e,
                    "DataHub create access token: this DataHub server takes no ISO-8601 lifetime (durationIso, added"
                            + " after Core 1.4): use create(actorUrn, AccessTokenDuration." + nearest(lifetime)
                            + ", name, description) instead.");
        }
    }

    /** ISO-8601 as DataHub's allowed list writes it: whole days as {@code P30D}. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /** The {@link AccessTokenDuration} closest to a lifetime (ties to the longer). */
    static AccessTokenDuration nearest(Duration lifetime) {
        AccessTokenDuration best = null;
        long bestGap = Long.MAX_VALUE;
        for (AccessTokenDuration d : AccessTokenDuration.values()) {
            if (d.lifetime().isEmpty()) {
                continue;
            }
            long gap = Math.abs(d.lifetime().get().minus(lifetime).toSeconds());
            if (gap <= bestGap) {
                best = d;
                bestGap = gap;
            }
        }
        return best;
    }

    /**
     * Creates a token of a type; the arguments are checked by the caller.
     *
     * @param type an {@code AccessTokenType} name
     * @param actorUrn whom it acts as
     * @param duration how long it lives
     * @param name its name
     * @param description its description, or null
     * @param operation what the call does, for messages
     * @param forbidden the hint on a 403
     * @return the token, with its secret
     */
    AccessToken createToken(
            String type,
            String actorUrn,
            AccessTokenDuration duration,
            String name,
            String description,
            String operation,
            String forbidden) {
        DataHubWire.CreateAccessTokenInput input =
                new DataHubWire.CreateAccessTokenInput(type, actorUrn, duration.name(), name, description);
        return create(
                DataHubApi.request(
                                operation,
                                DataHubApi.CREATE,
                                DataHubApi.CREATE_OPERATION,
                                new DataHubWire.InputVariables(input))
                        .hints(Hints.mayHaveActed(hints(forbidden, null), CREATED_MAYBE)),
                actorUrn,
                name,
                description);
    }

    /** Sends a create, never repeated, and reads the new token, keeping its secret whatever else is wrong. */
    private AccessToken create(ApiRequest.Builder builder, String actorUrn, String name, String description) {
        ApiRequest request =
                builder.safeToRetry(false).ambiguousFailureHint(CREATED_MAYBE).build();
        DataHubApi.Result answer = graphQl.send(request);
        JsonNode created = answer.field(DataHubApi.CREATE_OPERATION);
        JsonNode value = created == null ? null : created.get("accessToken");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            if (!answer.errors().isEmpty()) {
                throw DataHubApi.fail(answer, false);
            }
            throw answer.malformed("data.createAccessToken.accessToken (the new token)");
        }
        // A live token came back: never throw it away, whatever else is wrong with the answer.
        Secret secret = Secret.of(value.asText());
        // Held before anything else is read: a message about the rest of this answer must not show it.
        transport.redactor().holdRecent(secret);
        DataHubWire.TokenMetadata metadata = null;
        try {
            metadata = metadata(answer, created.get("metadata"), "data.createAccessToken.metadata");
        } catch (MalformedResponseException e) {
            LOG.warn("DataHub create access token: the metadata of the new token did not fit: {}", e.getMessage());
        }
        if (metadata == null || isBlank(metadata.id())) {
            LOG.warn(
                    "DataHub create access token: the server returned the new token without its metadata{};"
                            + " its id is unknown until it shows up in list()",
                    answer.errors().isEmpty() ? "" : " and with errors");
            return AccessToken.builder()
                    .secret(secret)
                    .name(name)
                    .description(description)
                    .actor(actorUrn)
                    .status(TokenStatus.ACTIVE)
                    .build();
        }
        if (!answer.errors().isEmpty()) {
            LOG.warn("DataHub create access token: the server reported errors along with the new token; kept it");
        }
        return toModel(metadata, secret);
    }

    @Override
    public Page<AccessToken> list(int start, int count, String ownerUrn) {
        Args.page(start, "start", count, "count", Page.MAX_SIZE);
        if (ownerUrn != null && ownerUrn.isBlank()) {
            throw new IllegalArgumentException(
                    "ownerUrn must not be blank: pass the owner's urn, or null to list every token (admins only)");
        }
        if (ownerUrn != null) {
            Args.urn(ownerUrn, Jwt.CORP_USER, "ownerUrn");
        }
        List<DataHubWire.FacetFilterInput> filters =
                ownerUrn == null ? null : List.of(new DataHubWire.FacetFilterInput("ownerUrn", List.of(ownerUrn)));
        String denied = ownerUrn != null
                ? "Listing a user's tokens needs the " + GENERATE + " privilege when ownerUrn is the caller itself,"
                        + " and " + MANAGE + " for anyone else."
                : "Listing every token (ownerUrn null) needs the " + MANAGE + " privilege; to list your own"
                        + " tokens pass your own urn: list(" + start + ", " + count + ", \""
                        + Jwt.actorUrn(clientToken.get()).orElse(Jwt.CORP_USER + "<your user id>") + "\").";
        return listTokens(DataHubApi.LIST, start, count, filters, "list access tokens", denied);
    }

    /**
     * Lists tokens matching filters; the arguments are checked by the caller.
     *
     * @param document {@link DataHubApi#LIST} or another document of its shape
     * @param start the offset
     * @param count the page size
     * @param filters the filters, or null for none
     * @param operation what the call does, for messages
     * @param forbidden the hint on a 403
     * @return the first page; later pages use the same filters
     */
    Page<AccessToken> listTokens(
            String document,
            int start,
            int count,
            List<DataHubWire.FacetFilterInput> filters,
            String operation,
            String forbidden) {
        ApiRequest request = DataHubApi.request(
                        operation,
                        document,
                        DataHubApi.LIST_OPERATION,
                        new DataHubWire.InputVariables(new DataHubWire.ListAccessTokenInput(start, count, filters)))
                .safeToRetry(true)
                .retryIfAnswer(DataHubApi::indexCatchingUp)
                .hints(hints(forbidden, null))
                .build();
        DataHubApi.Result answer = graphQl.send(request);
        if (!answer.errors().isEmpty()) {
            throw DataHubApi.fail(answer, false);
        }
        JsonNode result = answer.field(DataHubApi.LIST_OPERATION);
        Integer total = Json.intValue(Json.field(result, "total"));
        JsonNode tokens = Json.field(result, "tokens");
        if (total == null || tokens == null || !tokens.isArray()) {
            throw answer.malformed("data.listAccessTokens with total and tokens");
        }
        if (total < 0) {
            LOG.warn("DataHub list access tokens: the answer's total is negative; the page is refused");
            throw answer.malformed("data.listAccessTokens.total of 0 or more (it was negative)");
        }
        List<AccessToken> items = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            DataHubWire.TokenMetadata m = metadata(answer, t, "data.listAccessTokens.tokens");
            if (m == null || isBlank(m.id())) {
                throw answer.malformed("data.listAccessTokens.tokens with an id each");
            }
            items.add(toModel(m, null));
        }
        // Page on total with the size asked for (DataHub echoes count); stop on an empty page.
        boolean more =
                !items.isEmpty() && (long) start + count < total && (long) start + count + count <= Integer.MAX_VALUE;
        return Page.of(
                items,
                total,
                more ? () -> listTokens(document, start + count, count, filters, operation, forbidden) : null);
    }

    @Override
    public boolean revoke(String tokenId) {
        // before the length check: a real token (a JWT of about 290 characters) is longer than any id
        if (tokenId != null && tokenId.startsWith("eyJ")) {
            throw new IllegalArgumentException("tokenId looks like a token value (a JWT), not a token id: pass the"
                    + " id from AccessToken.getId() (as create() or list() return it), never the token itself");
        }
        Args.id(tokenId, "tokenId");
        ApiRequest request = DataHubApi.request(
                        "revoke access token",
                        DataHubApi.REVOKE,
                        DataHubApi.REVOKE_OPERATION,
                        new DataHubWire.TokenIdVariables(tokenId))
                .safeToRetry(false)
                .hints(Hints.mayHaveActed(
                        hints(
                                "Revoking needs " + MANAGE + ", or owning the token; an owner's second revoke of a"
                                        + " token that is already gone also answers this.",
                                null),
                        REVOKED_MAYBE))
                .ambiguousFailureHint(REVOKED_MAYBE)
                .build();
        DataHubApi.Result answer = graphQl.send(request);
        if (!answer.errors().isEmpty()) {
            DataHubApi.Error first = answer.errors().get(0);
            if (DataHubApi.status(first, false) == 500 && DataHubApi.saysNoLongerExists(first.message())) {
                return false;
            }
            throw DataHubApi.fail(answer, false);
        }
        JsonNode revoked = answer.field(DataHubApi.REVOKE_OPERATION);
        if (revoked == null || !revoked.isBoolean()) {
            throw answer.malformed("data.revokeAccessToken as a boolean");
        }
        return revoked.booleanValue();
    }

    @Override
    public AccessToken getMetadata(Secret token) {
        Args.secret(token, "token");
        ApiRequest request = DataHubApi.request(
                        "get access token metadata",
                        DataHubApi.GET_METADATA,
                        DataHubApi.GET_METADATA_OPERATION,
                        new DataHubWire.TokenVariables(token.reveal()))
                .secrets(token)
                .safeToRetry(true)
                .hints(hints(
                        "Reading a raw token's metadata needs the " + MANAGE + " privilege.",
                        "DataHub holds no such token: it is unknown to this server, revoked, or expired."))
                .build();
        DataHubApi.Result answer;
        try {
            answer = graphQl.send(request);
        } catch (ServerException e) {
            throw DataHubErrors.missingTokenCrash(e).orElseThrow(() -> e);
        }
        if (!answer.errors().isEmpty()) {
            throw DataHubApi.fail(answer, true);
        }
        DataHubWire.TokenMetadata m =
                metadata(answer, answer.field(DataHubApi.GET_METADATA_OPERATION), "data.getAccessTokenMetadata");
        if (m == null || isBlank(m.id())) {
            throw answer.malformed("data.getAccessTokenMetadata with an id");
        }
        return toModel(m, null);
    }

    @Override
    public Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink) {
        return rotation.rotate(tokenId, duration, sink, Duration.ZERO);
    }

    @Override
    public Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink, Duration grace) {
        return rotation.rotate(tokenId, duration, sink, Rotator.checkGrace(grace));
    }

    /**
     * Reads {@code AccessTokenMetadata} with the shared lenient reader: texts may be any scalar,
     * times epoch milliseconds as numbers or numeric strings; a time of another shape does not fit.
     */
    private static DataHubWire.TokenMetadata metadata(DataHubApi.Result answer, JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw answer.malformed(where + " as an object");
        }
        return new DataHubWire.TokenMetadata(
                Json.text(node.get("id")),
                Json.text(node.get("urn")),
                Json.text(node.get("actorUrn")),
                Json.text(node.get("ownerUrn")),
                Json.text(node.get("name")),
                Json.text(node.get("description")),
                millis(answer, node, "createdAt", where),
                millis(answer, node, "expiresAt", where));
    }

    static Long millis(DataHubApi.Result answer, JsonNode node, String field, String where) {
        JsonNode v = Json.field(node, field);
        if (v == null) {
            return null;
        }
        Long ms = Json.longValue(v);
        if (ms == null) {
            throw answer.malformed("JSON of the expected shape (field '" + where + "." + field + "' did not fit)");
        }
        return ms;
    }

    private AccessToken toModel(DataHubWire.TokenMetadata m, Secret secret) {
        Instant expiresAt = m.expiresAt() == null ? null : Instant.ofEpochMilli(m.expiresAt());
        boolean expired = expiresAt != null && !expiresAt.isAfter(clock.instant());
        return AccessToken.builder()
                .id(m.id())
                .name(m.name())
                .description(m.description())
                .secret(secret)
                .owner(m.ownerUrn())
                .actor(m.actorUrn())
                .createdAt(m.createdAt() == null ? null : Instant.ofEpochMilli(m.createdAt()))
                .expiresAt(expiresAt)
                .status(expired ? TokenStatus.EXPIRED : TokenStatus.ACTIVE)
                .build();
    }

    /** Hints for this call: the privilege on 403, a schema mismatch, and why the client's token failed on 401. */
    ApiRequest.ErrorHints hints(String forbidden, String notFound) {
        return (status, code) -> {
            if (status == 401) {
                return authenticationHint();
            }
            if (status == 403) {
                return forbidden;
            }
            if (status == 404) {
                return notFound;
            }
            if (DataHubApi.VALIDATION_ERROR.equals(code)) {
                return SCHEMA_HINT;
            }
            return null;
        };
    }

    /** A 401 does not say why: the client's own token's {@code exp} tells expired from revoked. */
    String authenticationHint() {
        Secret held = clientToken.peek();
        Optional<Jwt.Claims> claims = held == null ? Optional.empty() : Jwt.decode(held);
        if (claims.isEmpty()) {
            return "The client's token is not a DataHub access token (not a JWT): check the token given to"
                    + " token(...) or DATAHUB_GMS_TOKEN.";
        }
        Optional<Instant> exp = claims.get().expiresAt();
        if (exp.isPresent() && !exp.get().isAfter(clock.instant())) {
            return "The client's token expired at " + exp.get() + ": create a new one.";
        }
        return "The client's token is invalid or revoked (it "
                + exp.map(e -> "expires at " + e).orElse("never expires")
                + "), or was issued by another DataHub instance.";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
