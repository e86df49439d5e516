package io.catalogkit.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of {@link FakeAlation} and Alation's rules for refresh and API access tokens, without
 * HTTP or JSON: users, tokens, lifespans, the switches, and the mint and validate counts. Not
 * thread-safe: {@link FakeAlation} holds its lock around every call.
 */
final class FakeAlationStore implements FakeState.Store<FakeAlationStore> {
    static final String INVALID_REFRESH = "Refresh token provided is invalid.";
    static final String EXPIRED_REFRESH = "Refresh token provided is expired or revoked.";
    static final String INVALID_ACCESS = "API Access Token provided is invalid.";
    static final String NOT_AUTHENTICATED = "Authentication credentials were not provided.";
    static final String PERMISSION_DENIED = "You do not have permission to perform this action.";

    /** The server stamps the expiry a moment before the creation time: the fake does the same. */
    private static final Duration STAMP_GAP = Duration.ofNanos(285_000);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A request Alation refuses: {@code {"detail", "code"}} with a status. A token-endpoint
     * rejection ({@link #rejection}) is answered 200 with {@code "status": "failed"} by older
     * servers instead.
     */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final String code;
        final boolean rejection;

        private Failure(int status, String code, String detail, boolean rejection) {
            super(detail, null, false, false);
            this.status = status;
            this.code = code;
            this.rejection = rejection;
        }

        static Failure rejection(String detail) {
            return new Failure(401, "401000", detail, true);
        }

        static Failure error(int status, String code, String detail) {
            return new Failure(status, code, detail, false);
        }
    }

    record User(long id, String username, String password, boolean sso) {
        @Override
        public String toString() {
            return "User[id=" + id + ", username=" + username + ", sso=" + sso + "]";
        }
    }

    /** A refresh token as stored; its value is the map key. */
    static final class RefreshToken {
        final long id;
        final long userId;
        final String name;
        final String value;
        final Instant created;
        final Instant expires;
        Instant lastUsed;
        boolean revoked;

        RefreshToken(long id, long userId, String name, String value, Instant created, Instant expires) {
            this.id = id;
            this.userId = userId;
            this.name = name;
            this.value = value;
            this.created = created;
            this.expires = expires;
        }

        RefreshToken copy() {
            RefreshToken t = new RefreshToken(id, userId, name, value, created, expires);
            t.lastUsed = lastUsed;
            t.revoked = revoked;
            return t;
        }

        String status(Instant now) {
            return FakeAlationStore.status(revoked, now, expires);
        }
    }

    /** An API access token as stored, with the id of the refresh token it was minted from. */
    static final class AccessToken {
        final String value;
        final long parentId;
        final long userId;
        final Instant created;
        final Instant expires;
        boolean revoked;

        AccessToken(String value, long parentId, long userId, Instant created, Instant expires) {
            this.value = value;
            this.parentId = parentId;
            this.userId = userId;
            this.created = created;
            this.expires = expires;
        }

        AccessToken copy() {
            AccessToken t = new AccessToken(value, parentId, userId, created, expires);
            t.revoked = revoked;
            return t;
        }

        String status(Instant now) {
            return FakeAlationStore.status(revoked, now, expires);
        }
    }

    /**
     * An OAuth client: id, secret, and the lifespan of the JWTs it mints ({@code expires_in}).
     *
     * @param id the client id
     * @param secret the client secret
     * @param lifespan how long its tokens live
     */
    record OAuthClient(String id, String secret, Duration lifespan) {
        @Override
        public String toString() {
            return "OAuthClient[id=" + id + ", lifespan=" + lifespan + "]";
        }
    }

    /** A JWT minted for an OAuth client; its value is the map key. */
    static final class Jwt {
        final String value;
        final String jti;
        final String clientId;
        final Instant issued;
        final Instant expires;
        boolean revoked;

        Jwt(String value, String jti, String clientId, Instant issued, Instant expires) {
            this.value = value;
            this.jti = jti;
            this.clientId = clientId;
            this.issued = issued;
            this.expires = expires;
        }

        Jwt copy() {
            Jwt t = new Jwt(value, jti, clientId, issued, expires);
            t.revoked = revoked;
            return t;
        }

        String status(Instant now) {
            return FakeAlationStore.status(revoked, now, expires);
        }
    }

    private final FakeClock clock;
    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<String, RefreshToken> refreshTokens = new LinkedHashMap<>();
    final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    final Map<String, OAuthClient> oauthClients = new LinkedHashMap<>();
    final Map<String, Jwt> jwts = new LinkedHashMap<>();
    private long nextUserId = 17;
    private long nextRefreshTokenId = 42;
    Duration refreshLifespan = Duration.ofDays(60);
    Duration accessLifespan = Duration.ofHours(24);
    boolean legacyExpiredStatus;
    boolean failedStatusInBody;
    boolean dataEndpoint401;
    boolean denyDataPermission;
    boolean rejectEveryDataToken;
    boolean regenerationRevokesAccessTokens;
    boolean regenerationAcceptsExpired;
    int mints;
    int validations;
    int oauthMints;

    FakeAlationStore(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public FakeAlationStore snapshot() {
        FakeAlationStore copy = new FakeAlationStore(clock);
        copy.restore(this);
        return copy;
    }

    @Override
    public void restore(FakeAlationStore from) {
        users.clear();
        users.putAll(from.users);
        refreshTokens.clear();
        from.refreshTokens.forEach((v, t) -> refreshTokens.put(v, t.copy()));
        accessTokens.clear();
        from.accessTokens.forEach((v, t) -> accessTokens.put(v, t.copy()));
        oauthClients.clear();
        oauthClients.putAll(from.oauthClients);
        jwts.clear();
        from.jwts.forEach((v, t) -> jwts.put(v, t.copy()));
        oauthMints = from.oauthMints;
        nextUserId = from.nextUserId;
        nextRefreshTokenId = from.nextRefreshTokenId;
        refreshLifespan = from.refreshLifespan;
        accessLifespan = from.accessLifespan;
        legacyExpiredStatus = from.legacyExpiredStatus;
        failedStatusInBody = from.failedStatusInBody;
        dataEndpoint401 = from.dataEndpoint401;
        denyDataPermission = from.denyDataPermission;
        rejectEveryDataToken = from.rejectEveryDataToken;
        regenerationRevokesAccessTokens = from.regenerationRevokesAccessTokens;
        regenerationAcceptsExpired = from.regenerationAcceptsExpired;
        mints = from.mints;
        validations = from.validations;
    }

    Instant now() {
        return clock.instant();
    }

    User addUser(String username, String password, boolean sso) {
        User user = new User(nextUserId++, username, password, sso);
        users.put(user.id(), user);
        return user;
    }

    RefreshToken newRefreshToken(long userId, String name) {
        Instant now = now();
        RefreshToken t = new RefreshToken(
                nextRefreshTokenId++,
                userId,
                name,
                "rt-" + randomValue(),
                now,
                now.plus(refreshLifespan).minus(STAMP_GAP));
        refreshTokens.put(t.value, t);
        return t;
    }

    AccessToken newAccessToken(RefreshToken parent) {
        Instant now = now();
        AccessToken t = new AccessToken(
                "at-" + randomValue(),
                parent.id,
                parent.userId,
                now,
                now.plus(accessLifespan).minus(STAMP_GAP));
        accessTokens.put(t.value, t);
        return t;
    }

    // ------------------------------------------------------------------ the token endpoints' rules

    /** createRefreshToken: a password user gets a new token; an SSO user is refused with 403. */
    RefreshToken createRefreshToken(String username, String password, String name) {
        User user = users.values().stream()
                .filter(u -> u.username().equalsIgnoreCase(username))
                .findFirst()
                .orElse(null);
        if (user != null && user.sso()) {
            throw Failure.error(
                    403,
                    "403000",
                    "This user signs in through SSO/SAML and cannot create a refresh token over the API.");
        }
        if (user == null || !user.password().equals(password)) {
            throw Failure.rejection("Invalid username or password.");
        }
        return newRefreshToken(user.id(), name);
    }

    /** The refresh token with this value, owned by this user. */
    RefreshToken refreshToken(String value, long userId) {
        RefreshToken t = refreshTokens.get(value);
        if (t == null || t.userId != userId) {
            throw Failure.rejection(INVALID_REFRESH);
        }
        return t;
    }

    /** validateRefreshToken: an inactive token is refused, or shown as expired on older servers. */
    RefreshToken validateRefreshToken(String value, long userId) {
        RefreshToken t = refreshToken(value, userId);
        if (!isActive(t.status(now())) && !legacyExpiredStatus) {
            throw Failure.rejection(EXPIRED_REFRESH);
        }
        return t;
    }

    /** regenRefreshToken: the old value dies at once; the new token keeps the name. */
    RefreshToken regenerate(String value, long userId) {
        RefreshToken old = refreshToken(value, userId);
        String status = old.status(now());
        if (status.equals("REVOKED") || (status.equals("EXPIRED") && !regenerationAcceptsExpired)) {
            throw Failure.rejection(EXPIRED_REFRESH);
        }
        old.revoked = true;
        if (regenerationRevokesAccessTokens) {
            revokeChildren(old);
        }
        return newRefreshToken(old.userId, old.name);
    }

    /** createAPIAccessToken: mints from an active refresh token. */
    AccessToken mint(String refreshToken, long userId) {
        RefreshToken parent = activeRefreshToken(refreshToken, userId);
        AccessToken t = newAccessToken(parent);
        parent.lastUsed = t.created;
        mints++;
        return t;
    }

    /** validateAPIAccessToken: an inactive token is refused, or shown as expired on older servers. */
    AccessToken validateAccessToken(String value, long userId) {
        AccessToken t = accessTokens.get(value);
        if (t == null || t.userId != userId || (!isActive(t.status(now())) && !legacyExpiredStatus)) {
            throw Failure.rejection(INVALID_ACCESS);
        }
        return t;
    }

    /** revokeAPIAccessTokens: revokes what an active refresh token minted; returns that token. */
    RefreshToken revokeAccessTokens(String refreshToken, long userId) {
        RefreshToken parent = activeRefreshToken(refreshToken, userId);
        revokeChildren(parent);
        return parent;
    }

    // ------------------------------------------------------------------ OAuth client credentials

    OAuthClient addOAuthClient(String id, Duration lifespan) {
        if (oauthClients.containsKey(id)) {
            throw new IllegalArgumentException("an OAuth client with id " + id + " exists already");
        }
        OAuthClient c = new OAuthClient(id, "cs-" + randomValue(), lifespan);
        oauthClients.put(id, c);
        return c;
    }

    /** The client with these credentials, or null when the id is unknown or the secret wrong. */
    OAuthClient authenticate(String clientId, String secret) {
        OAuthClient c = clientId == null ? null : oauthClients.get(clientId);
        return c != null && c.secret().equals(secret) ? c : null;
    }

    /** O1: a new JWT for the client, living its client's lifespan. */
    Jwt mintJwt(OAuthClient client) {
        Instant now = now();
        String jti = randomValue();
        Instant expires = now.plus(client.lifespan());
        Jwt t = new Jwt(FakeAlationRender.jwtValue(client.id(), jti, now, expires), jti, client.id(), now, expires);
        jwts.put(t.value, t);
        oauthMints++;
        return t;
    }

    /** Revokes every JWT of one client, as an admin can. */
    void revokeJwts(String clientId) {
        jwts.values().stream().filter(t -> t.clientId.equals(clientId)).forEach(t -> t.revoked = true);
    }

    /** The data endpoint's check of its {@code TOKEN} header: an API access token or a JWT. */
    void authorizeData(String token) {
        AccessToken t = token == null ? null : accessTokens.get(token);
        Jwt jwt = token == null ? null : jwts.get(token);
        boolean active = (t != null && isActive(t.status(now()))) || (jwt != null && isActive(jwt.status(now())));
        if (!active || rejectEveryDataToken) {
            throw dataEndpoint401
                    ? Failure.error(401, "401000", NOT_AUTHENTICATED)
                    : Failure.error(403, "403000", NOT_AUTHENTICATED);
        }
        if (denyDataPermission) {
            throw Failure.error(403, "403001", PERMISSION_DENIED);
        }
    }

    private RefreshToken activeRefreshToken(String value, long userId) {
        RefreshToken t = refreshToken(value, userId);
        if (!isActive(t.status(now()))) {
            throw Failure.rejection(EXPIRED_REFRESH);
        }
        return t;
    }

    private void revokeChildren(RefreshToken parent) {
        accessTokens.values().stream().filter(a -> a.parentId == parent.id).forEach(a -> a.revoked = true);
    }

    static boolean isActive(String status) {
        return status.equals("ACTIVE");
    }

    private static String status(boolean revoked, Instant now, Instant expires) {
        return revoked ? "REVOKED" : now.isBefore(expires) ? "ACTIVE" : "EXPIRED";
    }

    private static String randomValue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
