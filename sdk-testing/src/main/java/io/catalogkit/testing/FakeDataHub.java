package io.catalogkit.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
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
 *     Secret token = hub.issueToken("urn:li:corpuser:datahub");
 *     DataHubClient client = DataHubClient.builder().baseUrl(hub.baseUrl()).token(token).build();
 * }
 * }</pre>
 */
public final class FakeDataHub extends FakeServer {
    /** The path GMS serves GraphQL on. */
    public static final String GRAPHQL_PATH = "/api/graphql";

    /** DataHub's "Generate Personal Access Tokens" platform privilege. */
    public static final String GENERATE_PERSONAL_ACCESS_TOKENS = "GENERATE_PERSONAL_ACCESS_TOKENS";

    /** DataHub's "Manage All Access Tokens" platform privilege: the token admin. */
    public static final String MANAGE_ACCESS_TOKENS = "MANAGE_ACCESS_TOKENS";

    /** GraphQL answers keep their nulls ({@code "data": null}, {@code "expiresAt": null}). */
    private static final ObjectMapper WITH_NULLS = Json.MAPPER
            .copy()
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private static final String UNAUTHORIZED_PAGE = "<html><head><title>Error 401 Unauthorized to perform this"
            + " action.</title></head><body><h2>HTTP ERROR 401 Unauthorized to perform this action.</h2></body></html>";

    /** Which of DataHub's schema files the fake serves. */
    public enum SchemaBuild {
        /** DataHub Core >= 1.4: service accounts, {@code AccessTokenType.SERVICE_ACCOUNT}, {@code owner}. */
        CORE_1_4("auth.graphql"),
        /** Older DataHub: {@code PERSONAL} tokens only, no {@code AccessTokenMetadata.owner}. */
        PRE_SERVICE_ACCOUNTS("auth.pre-service-accounts.graphql");

        final String authFile;

        SchemaBuild(String authFile) {
            this.authFile = authFile;
        }

        /**
         * DataHub's token schema as this build declares it: the stubs, the search excerpt and one
         * auth file, parsed from the copies shipped with sdk-testing. Tests validate documents
         * against it; the fake executes them over it.
         *
         * @return a fresh registry of the type definitions
         */
        public TypeDefinitionRegistry typeDefinitions() {
            return FakeDataHubGraphQl.typeDefinitions(authFile);
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

    private final FakeDataHubStore store;
    private final FakeDataHubGraphQl graphQl;
    private volatile SchemaBuild schemaBuild = SchemaBuild.CORE_1_4;

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
        this.store = new FakeDataHubStore(clock);
        this.graphQl = new FakeDataHubGraphQl(store);
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @return this fake
     */
    public FakeDataHub start() {
        startServer();
        return this;
    }

    /**
     * The URL to give {@code DataHubClient.builder().baseUrl(...)}, e.g. {@code http://127.0.0.1:53219}.
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

    /**
     * Adds a user, or more privileges to a user already there.
     *
     * @param urn the user's urn, e.g. {@code urn:li:corpuser:jdoe}
     * @param privileges e.g. {@link #GENERATE_PERSONAL_ACCESS_TOKENS}
     * @return this fake
     */
    public FakeDataHub addUser(String urn, String... privileges) {
        Objects.requireNonNull(urn, "urn");
        synchronized (store) {
            store.addUser(urn, new LinkedHashSet<>(Arrays.asList(privileges)));
        }
        return this;
    }

    /**
     * Adds a user with both token privileges ({@link #MANAGE_ACCESS_TOKENS} and {@link
     * #GENERATE_PERSONAL_ACCESS_TOKENS}).
     *
     * @param urn the user's urn, e.g. {@code urn:li:corpuser:datahub}
     * @return this fake
     */
    public FakeDataHub addAdmin(String urn) {
        return addUser(urn, MANAGE_ACCESS_TOKENS, GENERATE_PERSONAL_ACCESS_TOKENS);
    }

    /**
     * Seeds a never-expiring token that acts as and is owned by a user, created now; it is listed
     * at once.
     *
     * @param userUrn the user's urn
     * @return the token (JWT)
     */
    public Secret issueToken(String userUrn) {
        return issueToken(userUrn, userUrn, "seeded", null, clock().instant(), null);
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
     * @return the token (JWT)
     */
    public Secret issueToken(
            String actorUrn, String ownerUrn, String name, String description, Instant createdAt, Instant expiresAt) {
        Objects.requireNonNull(actorUrn, "actorUrn");
        Objects.requireNonNull(ownerUrn, "ownerUrn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        synchronized (store) {
            Duration delay = store.listVisibilityDelay;
            store.listVisibilityDelay = Duration.ZERO;
            try {
                return Secret.of(store.issue(
                                actorUrn,
                                ownerUrn,
                                name,
                                description,
                                createdAt.toEpochMilli(),
                                expiresAt == null ? null : expiresAt.toEpochMilli())
                        .getKey());
            } finally {
                store.listVisibilityDelay = delay;
            }
        }
    }

    /**
     * The id DataHub gives a token (what {@code revokeAccessToken} takes): {@code
     * Base64(SHA-256(jwt + this fake's salt))}.
     *
     * @param token the token
     * @return the id, 44 characters
     */
    public String tokenId(Secret token) {
        synchronized (store) {
            return store.idOf(token.reveal());
        }
    }

    /**
     * The ids of the tokens stored now (revoked and expired-then-presented ones are gone).
     *
     * @return a snapshot
     */
    public Set<String> tokenIds() {
        synchronized (store) {
            return store.tokenIds();
        }
    }

    /**
     * Picks the schema files the fake validates and executes against (default {@link
     * SchemaBuild#CORE_1_4}).
     *
     * @param build the schema build
     * @return this fake
     */
    public FakeDataHub schemaBuild(SchemaBuild build) {
        this.schemaBuild = Objects.requireNonNull(build, "build");
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
        synchronized (store) {
            store.listVisibilityDelay = nonNegative(delay, "delay");
        }
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
        synchronized (store) {
            store.revocationLag = nonNegative(lag, "lag");
        }
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
        synchronized (store) {
            store.opaqueRevokeErrors = opaque;
        }
        return this;
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
        synchronized (store) {
            Optional<String> caller = bearer(call).flatMap(store::authenticate);
            if (caller.isEmpty()) {
                return new Reply(401, "text/html;charset=iso-8859-1", UNAUTHORIZED_PAGE, Map.of());
            }
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(call.body());
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
                    vars.isObject() ? Json.MAPPER.convertValue(vars, new TypeReference<>() {}) : Map.of();
            JsonNode op = body.path("operationName");
            Map<String, Object> answer = graphQl.execute(
                    schemaBuild,
                    body.get("query").asText(),
                    variables,
                    op.isTextual() ? op.asText() : null,
                    store.caller(caller.get()));
            try {
                return new Reply(200, "application/json", WITH_NULLS.writeValueAsString(answer), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("fake could not write JSON", e);
            }
        }
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
