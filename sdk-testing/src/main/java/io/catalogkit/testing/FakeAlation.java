package io.catalogkit.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory fake of Alation's token endpoints and one protected data endpoint, on a real
 * loopback HTTP port. Thread-safe.
 *
 * <p>It keeps users (with passwords and an SSO flag), refresh tokens and API access tokens that
 * expire by the fake's {@link FakeClock}, and answers the six token endpoints of the wire contract
 * with its statuses and bodies: {@code createRefreshToken} (201), {@code validateRefreshToken}
 * (200), {@code regenRefreshToken} (201; the old value dies at once), {@code createAPIAccessToken}
 * (201), {@code validateAPIAccessToken} (200) and {@code revokeAPIAccessTokens} (200), with 401
 * {@code {"detail": ..., "code": "401000"}} for a bad token. {@code GET /integration/v2/table/}
 * demands an active access token in the {@code TOKEN} header and answers 403 {@code
 * {"detail": "Authentication credentials were not provided.", "code": "403000"}} otherwise.
 * Paths need their trailing slash. Bodies may be JSON, form-encoded or multipart; {@code user_id}
 * may be a number or a string.
 *
 * <p>Token values appear only in the answer that minted them (and in what the seeding methods
 * return, as a {@link Secret} whose {@code toString} is redacted); the fake logs nothing. The
 * seeding and inspection methods take and return token values as {@link Secret}s, like the other
 * fakes.
 *
 * <pre>{@code
 * try (FakeAlation alation = new FakeAlation().start()) {
 *     long userId = alation.addUser("jdoe@example.com", "correct-horse");
 *     Secret refresh = alation.addRefreshToken(userId, "ci");
 *     alation.clock().advance(Duration.ofHours(25));   // access tokens minted before now expired
 * }
 * }</pre>
 */
public final class FakeAlation extends FakeServer {
    /** The path of createRefreshToken (R1). */
    public static final String CREATE_REFRESH_TOKEN = "/integration/v1/createRefreshToken/";
    /** The path of validateRefreshToken (R2). */
    public static final String VALIDATE_REFRESH_TOKEN = "/integration/v1/validateRefreshToken/";
    /** The path of regenRefreshToken (R3). */
    public static final String REGENERATE_REFRESH_TOKEN = "/integration/v1/regenRefreshToken/";
    /** The path of createAPIAccessToken (P1). */
    public static final String CREATE_ACCESS_TOKEN = "/integration/v1/createAPIAccessToken/";
    /** The path of validateAPIAccessToken (P2). */
    public static final String VALIDATE_ACCESS_TOKEN = "/integration/v1/validateAPIAccessToken/";
    /** The path of revokeAPIAccessTokens (P3). */
    public static final String REVOKE_ACCESS_TOKENS = "/integration/v1/revokeAPIAccessTokens/";
    /** The path of the protected data endpoint. */
    public static final String TABLES = "/integration/v2/table/";

    /** The detail of a 403 for a missing or bad {@code TOKEN}. */
    public static final String NOT_AUTHENTICATED = "Authentication credentials were not provided.";
    /** The detail of a genuine permission denial on the data endpoint. */
    public static final String PERMISSION_DENIED = "You do not have permission to perform this action.";

    private static final String INVALID_REFRESH = "Refresh token provided is invalid.";
    private static final String EXPIRED_REFRESH = "Refresh token provided is expired or revoked.";
    private static final String INVALID_ACCESS = "API Access Token provided is invalid.";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** The server stamps the expiry a moment before the creation time: the fake does the same. */
    private static final Duration STAMP_GAP = Duration.ofNanos(285_000);

    private final SecureRandom random = new SecureRandom();
    private final Object state = new Object();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<String, StoredRefreshToken> refreshTokens = new LinkedHashMap<>();
    private final Map<String, StoredAccessToken> accessTokens = new LinkedHashMap<>();
    private long nextUserId = 17;
    private long nextRefreshTokenId = 42;
    private Duration refreshLifespan = Duration.ofDays(60);
    private Duration accessLifespan = Duration.ofHours(24);
    private boolean legacyExpiredStatus;
    private boolean failedStatusInBody;
    private boolean dataEndpoint401;
    private boolean denyDataPermission;
    private boolean rejectEveryDataToken;
    private boolean regenerationRevokesAccessTokens;
    private boolean regenerationAcceptsExpired;
    private int mints;
    private int validations;

    /** A fake with its own clock, set to the current time; call {@link #start()} before use. */
    public FakeAlation() {
        this(new FakeClock());
    }

    /**
     * A fake whose tokens expire by the given clock; call {@link #start()} before use.
     *
     * @param clock the clock; share it with the client under test
     */
    public FakeAlation(FakeClock clock) {
        super(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Starts listening on a free loopback port.
     *
     * @return this fake
     */
    public FakeAlation start() {
        startServer();
        return this;
    }

    /**
     * The URL to give {@code AlationClient.builder().baseUrl(...)}.
     *
     * @return the base URL, e.g. {@code http://127.0.0.1:53219}, without a trailing slash
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

    // ---------------------------------------------------------------- seeding and inspection

    /**
     * Adds a user who signs in with a password.
     *
     * @param username the username, e.g. an email address
     * @param password the password
     * @return the new user's id
     */
    public long addUser(String username, String password) {
        Objects.requireNonNull(password, "password");
        return addUser(username, password, false);
    }

    /**
     * Adds a user who signs in through SSO/SAML: creating a refresh token over the API is refused
     * for them (403 with a {@code detail}).
     *
     * @param username the username
     * @return the new user's id
     */
    public long addSsoUser(String username) {
        return addUser(username, null, true);
    }

    private long addUser(String username, String password, boolean sso) {
        Objects.requireNonNull(username, "username");
        synchronized (state) {
            long id = nextUserId++;
            users.put(id, new User(id, username, password, sso));
            return id;
        }
    }

    /**
     * Adds an active refresh token, as if it had been made in the UI.
     *
     * @param userId the owner, added before
     * @param name the token's name
     * @return the token value; {@link Secret#reveal()} gives the raw string
     */
    public Secret addRefreshToken(long userId, String name) {
        Objects.requireNonNull(name, "name");
        synchronized (state) {
            if (!users.containsKey(userId)) {
                throw new IllegalArgumentException("no user with id " + userId + ": add the user first");
            }
            return Secret.of(newRefreshToken(userId, name).value);
        }
    }

    /**
     * Adds an active API access token minted from a refresh token, without counting a mint.
     *
     * @param refreshToken the value of an existing refresh token
     * @return the access token value; {@link Secret#reveal()} gives the raw string
     */
    public Secret addAccessToken(Secret refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        synchronized (state) {
            StoredRefreshToken parent = refreshTokens.get(refreshToken.reveal());
            if (parent == null) {
                throw new IllegalArgumentException("no such refresh token");
            }
            return Secret.of(newAccessToken(parent).value);
        }
    }

    /**
     * Revokes one refresh token, as an admin or the owner would in the UI. Access tokens minted
     * from it stay valid until they expire or are revoked.
     *
     * @param refreshToken the refresh token's value
     */
    public void revokeRefreshToken(Secret refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        synchronized (state) {
            StoredRefreshToken t = refreshTokens.get(refreshToken.reveal());
            if (t == null) {
                throw new IllegalArgumentException("no such refresh token");
            }
            t.revoked = true;
        }
    }

    /** Revokes every API access token of every user, as an admin could. */
    public void revokeAllAccessTokens() {
        synchronized (state) {
            accessTokens.values().forEach(t -> t.revoked = true);
        }
    }

    /**
     * The status the fake holds for a refresh token: {@code ACTIVE}, {@code EXPIRED} or {@code
     * REVOKED}.
     *
     * @param refreshToken the refresh token's value
     * @return the status, empty for an unknown value
     */
    public Optional<String> refreshTokenStatus(Secret refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        synchronized (state) {
            return Optional.ofNullable(refreshTokens.get(refreshToken.reveal())).map(t -> t.status(now()));
        }
    }

    /**
     * The status the fake holds for an API access token: {@code ACTIVE}, {@code EXPIRED} or {@code
     * REVOKED}.
     *
     * @param accessToken the access token's value
     * @return the status, empty for an unknown value
     */
    public Optional<String> accessTokenStatus(Secret accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        synchronized (state) {
            return Optional.ofNullable(accessTokens.get(accessToken.reveal())).map(t -> t.status(now()));
        }
    }

    /**
     * How many API access tokens of a user are active now.
     *
     * @param userId the user
     * @return the count
     */
    public int activeAccessTokenCount(long userId) {
        synchronized (state) {
            Instant now = now();
            return (int) accessTokens.values().stream()
                    .filter(t -> t.userId == userId && t.status(now).equals("ACTIVE"))
                    .count();
        }
    }

    /**
     * How many refresh tokens a user holds, in any state.
     *
     * @param userId the user
     * @return the count
     */
    public int refreshTokenCount(long userId) {
        synchronized (state) {
            return (int) refreshTokens.values().stream()
                    .filter(t -> t.userId == userId)
                    .count();
        }
    }

    /**
     * How many API access tokens were minted over {@code createAPIAccessToken} (successfully).
     *
     * @return the count
     */
    public int mintCount() {
        synchronized (state) {
            return mints;
        }
    }

    /**
     * How many validate calls ({@code validateRefreshToken} and {@code validateAPIAccessToken})
     * arrived, answered or not.
     *
     * @return the count
     */
    public int validateCount() {
        synchronized (state) {
            return validations;
        }
    }

    // ---------------------------------------------------------------- settings and switches

    /**
     * The lifespan of refresh tokens made from now on (default 60 days).
     *
     * @param lifespan a positive duration
     * @return this fake
     */
    public FakeAlation refreshTokenLifespan(Duration lifespan) {
        synchronized (state) {
            refreshLifespan = positive(lifespan);
        }
        return this;
    }

    /**
     * The lifespan of API access tokens minted from now on (default 24 hours).
     *
     * @param lifespan a positive duration
     * @return this fake
     */
    public FakeAlation accessTokenLifespan(Duration lifespan) {
        synchronized (state) {
            accessLifespan = positive(lifespan);
        }
        return this;
    }

    /**
     * The older form: validate calls on an expired or revoked token answer 200 with {@code
     * "token_status": "EXPIRED"} instead of 401.
     *
     * @param on true for the older form
     * @return this fake
     */
    public FakeAlation legacyExpiredStatus(boolean on) {
        synchronized (state) {
            legacyExpiredStatus = on;
        }
        return this;
    }

    /**
     * Older servers: token-endpoint rejections answer 200 with {@code {"status": "failed",
     * "detail": ...}} instead of 401.
     *
     * @param on true for the in-body failure form
     * @return this fake
     */
    public FakeAlation failedStatusInBody(boolean on) {
        synchronized (state) {
            failedStatusInBody = on;
        }
        return this;
    }

    /**
     * The data endpoint answers a missing or bad {@code TOKEN} with 401 instead of 403.
     *
     * @param on true for 401
     * @return this fake
     */
    public FakeAlation dataEndpointAnswers401(boolean on) {
        synchronized (state) {
            dataEndpoint401 = on;
        }
        return this;
    }

    /**
     * The data endpoint answers a valid token with a genuine permission denial: 403 {@code
     * {"detail": "You do not have permission to perform this action.", "code": "403001"}}.
     *
     * @param on true to deny
     * @return this fake
     */
    public FakeAlation denyDataPermission(boolean on) {
        synchronized (state) {
            denyDataPermission = on;
        }
        return this;
    }

    /**
     * The data endpoint rejects every token as if it were not valid (403 {@code 403000}, or 401
     * with {@link #dataEndpointAnswers401(boolean)}), as a server would that uses that code for
     * denials too.
     *
     * @param on true to reject every token
     * @return this fake
     */
    public FakeAlation rejectEveryDataToken(boolean on) {
        synchronized (state) {
            rejectEveryDataToken = on;
        }
        return this;
    }

    /**
     * Whether regenerating a refresh token also revokes the access tokens minted from the old one
     * (default false: they stay valid until they expire).
     *
     * @param on true to revoke them
     * @return this fake
     */
    public FakeAlation regenerationRevokesAccessTokens(boolean on) {
        synchronized (state) {
            regenerationRevokesAccessTokens = on;
        }
        return this;
    }

    /**
     * Whether an expired (not revoked) refresh token may be regenerated (default false: 401).
     *
     * @param on true to accept
     * @return this fake
     */
    public FakeAlation regenerationAcceptsExpired(boolean on) {
        synchronized (state) {
            regenerationAcceptsExpired = on;
        }
        return this;
    }

    // ---------------------------------------------------------------- the endpoints

    @Override
    protected Reply handle(RecordedCall call) {
        String path = call.path();
        synchronized (state) {
            if (path.equals(TABLES)) {
                return call.method().equals("GET") ? tables(call) : notAllowed(call);
            }
            if (!isTokenEndpoint(path)) {
                return error(404, "404000", "Not found.");
            }
            if (!call.method().equals("POST")) {
                return notAllowed(call);
            }
            Map<String, String> form;
            try {
                form = FakeAlationForms.parse(call);
            } catch (IllegalArgumentException e) {
                return error(400, "400000", "JSON parse error.");
            }
            switch (path) {
                case CREATE_REFRESH_TOKEN:
                    return createRefreshToken(form);
                case VALIDATE_REFRESH_TOKEN:
                    return validateRefreshToken(form);
                case REGENERATE_REFRESH_TOKEN:
                    return regenerateRefreshToken(form);
                case CREATE_ACCESS_TOKEN:
                    return createAccessToken(form);
                case VALIDATE_ACCESS_TOKEN:
                    return validateAccessToken(form);
                default:
                    return revokeAccessTokens(form);
            }
        }
    }

    private static boolean isTokenEndpoint(String path) {
        return path.equals(CREATE_REFRESH_TOKEN)
                || path.equals(VALIDATE_REFRESH_TOKEN)
                || path.equals(REGENERATE_REFRESH_TOKEN)
                || path.equals(CREATE_ACCESS_TOKEN)
                || path.equals(VALIDATE_ACCESS_TOKEN)
                || path.equals(REVOKE_ACCESS_TOKENS);
    }

    private Reply createRefreshToken(Map<String, String> form) {
        Reply missing = require(form, "username", "password", "name");
        if (missing != null) {
            return missing;
        }
        User user = users.values().stream()
                .filter(u -> u.username.equalsIgnoreCase(form.get("username")))
                .findFirst()
                .orElse(null);
        if (user != null && user.sso) {
            return error(
                    403,
                    "403000",
                    "This user signs in through SSO/SAML and cannot create a refresh token over the API.");
        }
        if (user == null || !user.password.equals(form.get("password"))) {
            return rejection("401000", "Invalid username or password.");
        }
        StoredRefreshToken t = newRefreshToken(user.id, form.get("name"));
        return Reply.json(201, refreshTokenJson(t));
    }

    private Reply validateRefreshToken(Map<String, String> form) {
        validations++;
        Lookup<StoredRefreshToken> l = refreshToken(form);
        if (l.reply != null) {
            return l.reply;
        }
        if (!l.token.status(now()).equals("ACTIVE")) {
            return legacyExpiredStatus
                    ? Reply.json(200, refreshTokenJson(l.token))
                    : rejection("401000", EXPIRED_REFRESH);
        }
        return Reply.json(200, refreshTokenJson(l.token));
    }

    private Reply regenerateRefreshToken(Map<String, String> form) {
        Lookup<StoredRefreshToken> l = refreshToken(form);
        if (l.reply != null) {
            return l.reply;
        }
        StoredRefreshToken old = l.token;
        String status = old.status(now());
        if (status.equals("REVOKED") || (status.equals("EXPIRED") && !regenerationAcceptsExpired)) {
            return rejection("401000", EXPIRED_REFRESH);
        }
        old.revoked = true;
        if (regenerationRevokesAccessTokens) {
            accessTokens.values().stream().filter(a -> a.parent == old).forEach(a -> a.revoked = true);
        }
        StoredRefreshToken fresh = newRefreshToken(old.userId, old.name);
        return Reply.json(201, refreshTokenJson(fresh));
    }

    private Reply createAccessToken(Map<String, String> form) {
        Lookup<StoredRefreshToken> l = refreshToken(form);
        if (l.reply != null) {
            return l.reply;
        }
        if (!l.token.status(now()).equals("ACTIVE")) {
            return rejection("401000", EXPIRED_REFRESH);
        }
        StoredAccessToken t = newAccessToken(l.token);
        l.token.lastUsed = t.created;
        mints++;
        return Reply.json(201, accessTokenJson(t));
    }

    private Reply validateAccessToken(Map<String, String> form) {
        validations++;
        Reply missing = require(form, "api_access_token", "user_id");
        if (missing != null) {
            return missing;
        }
        Long userId = userId(form);
        if (userId == null) {
            return badUserId();
        }
        StoredAccessToken t = accessTokens.get(form.get("api_access_token"));
        if (t == null || t.userId != userId) {
            return rejection("401000", INVALID_ACCESS);
        }
        if (!t.status(now()).equals("ACTIVE") && !legacyExpiredStatus) {
            return rejection("401000", INVALID_ACCESS);
        }
        return Reply.json(200, accessTokenJson(t));
    }

    private Reply revokeAccessTokens(Map<String, String> form) {
        Lookup<StoredRefreshToken> l = refreshToken(form);
        if (l.reply != null) {
            return l.reply;
        }
        if (!l.token.status(now()).equals("ACTIVE")) {
            return rejection("401000", EXPIRED_REFRESH);
        }
        StoredRefreshToken parent = l.token;
        accessTokens.values().stream().filter(a -> a.parent == parent).forEach(a -> a.revoked = true);
        return Reply.json(
                200,
                Map.of(
                        "detail",
                        "Revoked active access tokens for refresh token: '" + parent.name + "' with id: " + parent.id));
    }

    private Reply tables(RecordedCall call) {
        String token = call.header("TOKEN").orElse(null);
        StoredAccessToken t = token == null ? null : accessTokens.get(token);
        if (t == null || !t.status(now()).equals("ACTIVE") || rejectEveryDataToken) {
            return dataEndpoint401 ? error(401, "401000", NOT_AUTHENTICATED) : error(403, "403000", NOT_AUTHENTICATED);
        }
        if (denyDataPermission) {
            return error(403, "403001", PERMISSION_DENIED);
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        tables.add(table(1, "orders"));
        tables.add(table(2, "customers"));
        tables.add(table(3, "shipments"));
        int limit = call.query("limit").map(FakeAlation::parseLimit).orElse(tables.size());
        return Reply.json(200, tables.subList(0, Math.max(0, Math.min(limit, tables.size()))));
    }

    private static int parseLimit(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Map<String, Object> table(int id, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("title", name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
        m.put("ds_id", 1);
        m.put("schema_id", 3);
        m.put("table_type", "TABLE");
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private Lookup<StoredRefreshToken> refreshToken(Map<String, String> form) {
        Reply missing = require(form, "refresh_token", "user_id");
        if (missing != null) {
            return new Lookup<>(null, missing);
        }
        Long userId = userId(form);
        if (userId == null) {
            return new Lookup<>(null, badUserId());
        }
        StoredRefreshToken t = refreshTokens.get(form.get("refresh_token"));
        if (t == null || t.userId != userId) {
            return new Lookup<>(null, rejection("401000", INVALID_REFRESH));
        }
        return new Lookup<>(t, null);
    }

    private static Long userId(Map<String, String> form) {
        try {
            return Long.valueOf(form.get("user_id").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reply badUserId() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Invalid Payload");
        body.put("detail", "Please check the API documentation for more details on the spec.");
        body.put("errors", Map.of("user_id", List.of("A valid integer is required.")));
        body.put("code", "400006");
        return Reply.json(400, body);
    }

    private static Reply require(Map<String, String> form, String... fields) {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (String f : fields) {
            String v = form.get(f);
            if (v == null || v.isBlank()) {
                errors.put(f, List.of("This field is required."));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Invalid Payload");
        body.put("detail", "Please check the API documentation for more details on the spec.");
        body.put("errors", errors);
        body.put("code", "400010");
        return Reply.json(400, body);
    }

    /** A token-endpoint rejection: 401, or 200 with {@code "status": "failed"} on older servers. */
    private Reply rejection(String code, String detail) {
        if (failedStatusInBody) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "failed");
            body.put("detail", detail);
            return Reply.json(200, body);
        }
        return error(401, code, detail);
    }

    private static Reply error(int status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("code", code);
        return Reply.json(status, body);
    }

    private static Reply notAllowed(RecordedCall call) {
        return error(405, "405000", "Method \"" + call.method() + "\" not allowed.");
    }

    private StoredRefreshToken newRefreshToken(long userId, String name) {
        Instant now = now();
        StoredRefreshToken t = new StoredRefreshToken(
                nextRefreshTokenId++,
                userId,
                name,
                "rt-" + randomValue(),
                now,
                now.plus(refreshLifespan).minus(STAMP_GAP));
        refreshTokens.put(t.value, t);
        return t;
    }

    private StoredAccessToken newAccessToken(StoredRefreshToken parent) {
        Instant now = now();
        StoredAccessToken t = new StoredAccessToken(
                "at-" + randomValue(),
                parent,
                parent.userId,
                now,
                now.plus(accessLifespan).minus(STAMP_GAP));
        accessTokens.put(t.value, t);
        return t;
    }

    private String randomValue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private ObjectNode refreshTokenJson(StoredRefreshToken t) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("user_id", t.userId);
        m.put("created_at", TIMESTAMP.format(t.created));
        m.put("token_expires_at", TIMESTAMP.format(t.expires));
        m.put("token_status", t.status(now()).equals("ACTIVE") ? "ACTIVE" : "EXPIRED");
        if (t.lastUsed == null) {
            m.putNull("last_used_at");
        } else {
            m.put("last_used_at", TIMESTAMP.format(t.lastUsed));
        }
        m.put("name", t.name);
        m.put("refresh_token", t.value);
        return m;
    }

    private ObjectNode accessTokenJson(StoredAccessToken t) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("user_id", t.userId);
        m.put("created_at", TIMESTAMP.format(t.created));
        m.put("token_expires_at", TIMESTAMP.format(t.expires));
        m.put("token_status", t.status(now()).equals("ACTIVE") ? "ACTIVE" : "EXPIRED");
        m.put("api_access_token", t.value);
        return m;
    }

    private Instant now() {
        return clock().instant();
    }

    private static Duration positive(Duration d) {
        Objects.requireNonNull(d, "lifespan");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a lifespan must be positive, was " + d);
        }
        return d;
    }

    private record Lookup<T>(T token, Reply reply) {}

    private record User(long id, String username, String password, boolean sso) {
        @Override
        public String toString() {
            return "User[id=" + id + ", username=" + username + ", sso=" + sso + "]";
        }
    }

    private static final class StoredRefreshToken {
        final long id;
        final long userId;
        final String name;
        final String value;
        final Instant created;
        final Instant expires;
        Instant lastUsed;
        boolean revoked;

        StoredRefreshToken(long id, long userId, String name, String value, Instant created, Instant expires) {
            this.id = id;
            this.userId = userId;
            this.name = name;
            this.value = value;
            this.created = created;
            this.expires = expires;
        }

        String status(Instant now) {
            return revoked ? "REVOKED" : now.isBefore(expires) ? "ACTIVE" : "EXPIRED";
        }
    }

    private static final class StoredAccessToken {
        final String value;
        final StoredRefreshToken parent;
        final long userId;
        final Instant created;
        final Instant expires;
        boolean revoked;

        StoredAccessToken(String value, StoredRefreshToken parent, long userId, Instant created, Instant expires) {
            this.value = value;
            this.parent = parent;
            this.userId = userId;
            this.created = created;
            this.expires = expires;
        }

        String status(Instant now) {
            return revoked ? "REVOKED" : now.isBefore(expires) ? "ACTIVE" : "EXPIRED";
        }
    }
}
