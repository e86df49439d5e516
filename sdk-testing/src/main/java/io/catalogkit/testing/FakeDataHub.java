package io.catalogkit.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.catalogkit.core.Secret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory DataHub GMS for its personal access tokens: {@code POST /api/graphql} on a real
 * loopback port, executing the GraphQL it receives with graphql-java over DataHub's own schema
 * files. Thread-safe.
 *
 * <p>What it imitates (see the DataHub wire contract): HS256 JWT-shaped tokens ({@code
 * {"alg":"HS256"}}, claims {@code actorType, actorId, type, version, jti, sub, exp, iss}, {@code exp}
 * in seconds, no {@code iat}) whose id is {@code Base64(SHA-256(jwt + salt))}; lifetimes honoured
 * on the fake's clock; a missing, unknown, badly signed, expired (then deleted) or revoked token
 * answered with HTTP 401 before any GraphQL runs; only {@code POST /api/graphql} (else 405); a body
 * that is not JSON or has no {@code query} answered 400 with an empty body; documents and variables
 * the schema rejects answered with {@code ValidationError}s; resolver failures as errors whose
 * {@code extensions} carry {@code code} and {@code type}. Privileges: {@link #MANAGE_ACCESS_TOKENS}
 * (an admin: create for anyone, list all, revoke any, read a raw token's metadata) and {@link
 * #GENERATE_PERSONAL_ACCESS_TOKENS} (create one's own; list only with the filter {@code ownerUrn =
 * [own urn]}; revoke tokens one owns).
 *
 * <pre>{@code
 * try (FakeDataHub hub = new FakeDataHub().start()) {
 *     hub.addAdmin("urn:li:corpuser:datahub");
 *     FakeDataHub.SeededAccessToken token = hub.addAccessToken("urn:li:corpuser:datahub");
 *     DataHubClient client = DataHubClient.builder().baseUrl(hub.baseUrl()).token(token.secret()).build();
 * }
 * }</pre>
 *
 * <p>Seeding follows the fakes' one convention: a method that seeds a token returns a record with
 * its ids and its {@link Secret}; every other seeding or setting method returns the fake, for
 * chaining. {@link #reset()} goes back to the state saved by {@link #markSeeded()}, settings and
 * {@link #schemaBuild(SchemaBuild)} included.
 */
public final class FakeDataHub extends FakeServer<FakeDataHub> {
    /** The path GMS serves GraphQL on. */
    public static final String GRAPHQL_PATH = "/api/graphql";

    /** DataHub's "Generate Personal Access Tokens" platform privilege. */
    public static final String GENERATE_PERSONAL_ACCESS_TOKENS = "GENERATE_PERSONAL_ACCESS_TOKENS";

    /** DataHub's "Manage All Access Tokens" platform privilege: the token admin. */
    public static final String MANAGE_ACCESS_TOKENS = "MANAGE_ACCESS_TOKENS";

    /**
     * DataHub's "Manage Service Accounts" platform privilege (Core 1.4 and later): create, list,
     * read and delete service accounts, create their tokens and list them (a filter on {@code
     * actorUrn} naming service accounts).
     */
    public static final String MANAGE_SERVICE_ACCOUNTS = "MANAGE_SERVICE_ACCOUNTS";

    /** The urn prefix of the fake's service accounts (the real shape is the server's business). */
    static final String SERVICE_ACCOUNT_URN_PREFIX = "urn:li:corpuser:service_";

    private static final String UNAUTHORIZED_PAGE = "<html><head><title>Error 401 Unauthorized to perform this"
            + " action.</title></head><body><h2>HTTP ERROR 401 Unauthorized to perform this action.</h2></body></html>";

    /** Which of DataHub's schema files the fake serves. */
    public enum SchemaBuild {
        /** DataHub Core >= 1.4: service accounts, {@code AccessTokenType.SERVICE_ACCOUNT}, {@code owner}. */
        CORE_1_4("auth.graphql"),
        /** Older DataHub: {@code PERSONAL} tokens only, no {@code AccessTokenMetadata.owner}. */
        PRE_SERVICE_ACCOUNTS("auth.pre-service-accounts.graphql"),
        /**
         * Newer DataHub (after Core 1.4): as {@link #CORE_1_4}, and the token inputs take an ISO-8601
         * lifetime {@code durationIso} (e.g. {@code P30D}) instead of the enum {@code duration};
         * exactly one of the two is sent. What {@code create(actorUrn, Duration, ...)} needs.
         */
        CORE_DURATION_ISO("auth.graphql", true);

        final String authFile;
        final boolean durationIso;

        SchemaBuild(String authFile) {
            this(authFile, false);
        }

        SchemaBuild(String authFile, boolean durationIso) {
            this.authFile = authFile;
            this.durationIso = durationIso;
        }

        /**
         * DataHub's token schema as this build declares it: the stubs, the search excerpt and one
         * auth file, parsed from the copies shipped with sdk-testing. Tests validate documents
         * against it; the fake executes them over it.
         *
         * @return a fresh registry of the type definitions
         */
        public TypeDefinitionRegistry typeDefinitions() {
            return FakeDataHubGraphQl.typeDefinitions(authFile, durationIso);
        }

        /**
         * DataHub's {@code Long} scalar (a JSON number of epoch milliseconds), for wiring an
         * executable schema from {@link #typeDefinitions()}.
         *
         * @return the scalar
         */
        public static GraphQLScalarType longScalar() {
            return FakeDataHubGraphQl.LONG;
        }
    }

    /**
     * A token seeded with {@link #addAccessToken}. Its {@code toString} shows the secret redacted.
     *
     * @param id the id DataHub gives the token (what {@code revokeAccessToken} takes)
     * @param actorUrn whom the token acts as
     * @param ownerUrn who created it
     * @param name its name
     * @param secret the token (JWT), sent as {@code Authorization: Bearer}
     */
    public record SeededAccessToken(String id, String actorUrn, String ownerUrn, String name, Secret secret) {}

    private final FakeState<FakeDataHubStore> state;
    private final FakeDataHubGraphQl graphQl;

    /** A fake with its own clock, set to now; call {@link #start()} before use. */
    public FakeDataHub() {
        this(new FakeClock());
    }

    /**
     * A fake whose tokens expire by the given clock; call {@link #start()} before use.
     *
     * @param clock the clock (share it with the client under test)
     */
    public FakeDataHub(FakeClock clock) {
        super(Objects.requireNonNull(clock, "clock"));
        FakeDataHubStore store = new FakeDataHubStore(clock);
        this.state = new FakeState<>(store);
        this.graphQl = new FakeDataHubGraphQl(store);
    }

    /**
     * Adds a user, or more privileges to a user already there.
     *
     * @param urn the user's urn, e.g. {@code urn:li:corpuser:jdoe}
     * @param privileges e.g. {@link #GENERATE_PERSONAL_ACCESS_TOKENS}
     * @return this fake
     */
    public FakeDataHub addUser(String urn, String... privileges) {
        Objects.requireNonNull(urn, "urn");
        state.change(s -> s.addUser(urn, new LinkedHashSet<>(Arrays.asList(privileges))));
        return this;
    }

    /**
     * Adds an admin: a user with the token privileges ({@link #MANAGE_ACCESS_TOKENS} and {@link
     * #GENERATE_PERSONAL_ACCESS_TOKENS}) and {@link #MANAGE_SERVICE_ACCOUNTS}.
     *
     * @param urn the user's urn, e.g. {@code urn:li:corpuser:datahub}
     * @return this fake
     */
    public FakeDataHub addAdmin(String urn) {
        return addUser(urn, MANAGE_ACCESS_TOKENS, GENERATE_PERSONAL_ACCESS_TOKENS, MANAGE_SERVICE_ACCOUNTS);
    }

    /**
     * Seeds a service account (served by every build but {@link SchemaBuild#PRE_SERVICE_ACCOUNTS}), created now
     * by {@code urn:li:corpuser:datahub}; its urn is {@link #serviceAccountUrn(String)}.
     *
     * @param name its unique name, e.g. {@code ingestion}
     * @param displayName its display name, or null
     * @param description its description, or null
     * @return this fake
     */
    public FakeDataHub addServiceAccount(String name, String displayName, String description) {
        Objects.requireNonNull(name, "name");
        state.change(s -> s.addServiceAccount(name, displayName, description, "urn:li:corpuser:datahub"));
        return this;
    }

    /**
     * The urn the fake gives a service account of a name (a real server picks its own shape).
     *
     * @param name the account's name
     * @return the urn
     */
    public static String serviceAccountUrn(String name) {
        return name.startsWith("service_") ? "urn:li:corpuser:" + name : SERVICE_ACCOUNT_URN_PREFIX + name;
    }

    /**
     * The urns of the service accounts stored now.
     *
     * @return a snapshot
     */
    public Set<String> serviceAccountUrns() {
        return state.read(FakeDataHubStore::serviceAccountUrns);
    }

    /**
     * Seeds a never-expiring token that acts as and is owned by a user, created now; it is listed
     * at once.
     *
     * @param userUrn the user's urn
     * @return the token, with its id and secret
     */
    public SeededAccessToken addAccessToken(String userUrn) {
        return addAccessToken(userUrn, userUrn, "seeded", null, clock().instant(), null);
    }

    /**
     * Seeds a token with the given metadata; it is listed at once.
     *
     * @param actorUrn whom the token acts as
     * @param ownerUrn who created it
     * @param name its name
     * @param description its description, or null
     * @param createdAt when it was created
     * @param expiresAt when it expires, or null for never (before now: an expired token, rejected
     *     with 401 when presented)
     * @return the token, with its id and secret
     */
    public SeededAccessToken addAccessToken(
            String actorUrn, String ownerUrn, String name, String description, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(actorUrn, "actorUrn");
        Objects.requireNonNull(ownerUrn, "ownerUrn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        return state.read(s -> {
            // a seeded token is listed at once, whatever delay the switch sets for new ones
            Duration delay = s.listVisibilityDelay;
            s.listVisibilityDelay = Duration.ZERO;
            try {
                Map.Entry<String, FakeDataHubStore.Token> made = s.issue(
                        actorUrn,
                        ownerUrn,
                        name,
                        description,
                        createdAt.toEpochMilli(),
                        expiresAt == null ? null : expiresAt.toEpochMilli());
                return new SeededAccessToken(made.getValue().id, actorUrn, ownerUrn, name, Secret.of(made.getKey()));
            } finally {
                s.listVisibilityDelay = delay;
            }
        });
    }

    /**
     * The id DataHub gives a token (what {@code revokeAccessToken} takes): {@code
     * Base64(SHA-256(jwt + this fake's salt))}.
     *
     * @param token the token
     * @return the id, 44 characters
     */
    public String tokenId(Secret token) {
        return state.read(s -> s.idOf(token.reveal()));
    }

    /**
     * The ids of the tokens stored now (revoked and expired-then-presented ones are gone).
     *
     * @return a snapshot
     */
    public Set<String> tokenIds() {
        return state.read(FakeDataHubStore::tokenIds);
    }

    /**
     * Picks the schema files the fake validates and executes against (default {@link
     * SchemaBuild#CORE_1_4}).
     *
     * @param build the schema build
     * @return this fake
     */
    public FakeDataHub schemaBuild(SchemaBuild build) {
        Objects.requireNonNull(build, "build");
        state.change(s -> s.schemaBuild = build);
        return this;
    }

    /**
     * Hides tokens created from now on from {@code listAccessTokens} for a while on the fake's
     * clock, as DataHub's search index does (default zero).
     *
     * @param delay how long a new token stays unlisted
     * @return this fake
     */
    public FakeDataHub listVisibilityDelay(Duration delay) {
        nonNegative(delay, "delay");
        state.change(s -> s.listVisibilityDelay = delay);
        return this;
    }

    /**
     * Keeps revoked tokens authenticating for a while on the fake's clock, as DataHub's per-replica
     * revocation cache does (default zero).
     *
     * @param lag how long a revoked token still works
     * @return this fake
     */
    public FakeDataHub revocationLag(Duration lag) {
        nonNegative(lag, "lag");
        state.change(s -> s.revocationLag = lag);
        return this;
    }

    /**
     * Makes an admin's revoke of a token that no longer exists answer {@code "An unknown error
     * occurred."}, as some DataHub versions do, instead of naming the root cause (default off).
     *
     * @param opaque true for the opaque message
     * @return this fake
     */
    public FakeDataHub opaqueRevokeErrors(boolean opaque) {
        state.change(s -> s.opaqueRevokeErrors = opaque);
        return this;
    }

    /** Saves the users, service accounts, tokens, settings and schema build for {@link #reset()}. */
    @Override
    protected void saveSeededState() {
        state.save();
    }

    /** Restores what {@link #saveSeededState()} saved. */
    @Override
    protected void restoreSeededState() {
        state.restore();
    }

    /**
     * Answers one request as DataHub GMS would.
     *
     * @param call the request
     * @return the answer
     */
    @Override
    protected Reply handle(RecordedCall call) {
        if (!call.method().equals("POST") || !call.path().equals(GRAPHQL_PATH)) {
            return Reply.empty(405);
        }
        return state.read(store -> answer(store, call));
    }

    private Reply answer(FakeDataHubStore store, RecordedCall call) {
        Optional<String> caller = bearer(call).flatMap(store::authenticate);
        if (caller.isEmpty()) {
            return new Reply(401, "text/html;charset=iso-8859-1", UNAUTHORIZED_PAGE, Map.of());
        }
        JsonNode body;
        try {
            body = FakeJson.MAPPER.readTree(call.body());
        } catch (IOException e) {
            return Reply.empty(400);
        }
        if (body == null || !body.isObject() || !body.path("query").isTextual()) {
            return Reply.empty(400);
        }
        JsonNode vars = body.path("variables");
        if (!vars.isMissingNode() && !vars.isNull() && !vars.isObject()) {
            return Reply.empty(400);
        }
        Map<String, Object> variables =
                vars.isObject() ? FakeJson.MAPPER.convertValue(vars, new TypeReference<>() {}) : Map.of();
        JsonNode op = body.path("operationName");
        Map<String, Object> answer = graphQl.execute(
                store.schemaBuild,
                body.get("query").asText(),
                variables,
                op.isTextual() ? op.asText() : null,
                store.caller(caller.get()));
        return new Reply(200, "application/json", FakeJson.write(FakeJson.WITH_NULLS, answer), Map.of());
    }

    private static Optional<String> bearer(RecordedCall call) {
        return call.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }
}
