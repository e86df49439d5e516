package io.catalogkit.testing;

import io.catalogkit.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
 * <p>OAuth clients ({@link #addOAuthClient}): {@code POST /oauth/v2/token/} with {@code
 * grant_type=client_credentials} and the client credentials in the form or in HTTP Basic mints a
 * JWT-shaped token (three base64url parts; {@code exp}, {@code iat}, {@code sub}, {@code client_id}
 * claims) that lives the client's lifespan ({@code expires_in}); {@code POST /oauth/v2/introspect/}
 * answers {@code "active": false} once it expired or was revoked ({@link #revokeOAuthTokens}); a
 * wrong secret is 401 {@code {"error": "invalid_client", ...}}. Both paths are also answered
 * without their trailing slash. The data endpoint accepts an active JWT in {@code TOKEN}.
 *
 * <p>Token values appear only in the answer that minted them (and in what the seeding methods
 * return, as a {@link Secret} whose {@code toString} is redacted); the fake logs nothing.
 *
 * <p>Seeding follows the fakes' one convention: a method that seeds something whose id or secret
 * the fake makes up (a user, a token) returns a record holding them; every other seeding or
 * setting method returns the fake, for chaining. {@link #reset()} goes back to the state saved by
 * {@link #markSeeded()}, settings and counts included.
 *
 * <pre>{@code
 * try (FakeAlation alation = new FakeAlation().start()) {
 *     long userId = alation.addUser("jdoe@example.com", "correct-horse").id();
 *     Secret refresh = alation.addRefreshToken(userId, "ci").secret();
 *     alation.clock().advance(Duration.ofHours(25));   // access tokens minted before now expired
 * }
 * }</pre>
 */
public final class FakeAlation extends FakeServer<FakeAlation> {
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
    /** The path of the OAuth token endpoint (O1); also answered without the trailing slash. */
    public static final String OAUTH_TOKEN = "/oauth/v2/token/";
    /** The path of the OAuth introspection endpoint (O2); also answered without the trailing slash. */
    public static final String OAUTH_INTROSPECT = "/oauth/v2/introspect/";
    /** The path of the protected data endpoint. */
    public static final String TABLES = "/integration/v2/table/";

    /** The detail of a 403 for a missing or bad {@code TOKEN}. */
    public static final String NOT_AUTHENTICATED = FakeAlationStore.NOT_AUTHENTICATED;
    /** The detail of a genuine permission denial on the data endpoint. */
    public static final String PERMISSION_DENIED = FakeAlationStore.PERMISSION_DENIED;

    /**
     * A user seeded with {@link #addUser} or {@link #addSsoUser}.
     *
     * @param id the user id the fake gave the user (what the token endpoints take as {@code user_id})
     * @param username the username
     */
    public record SeededUser(long id, String username) {}

    /**
     * A refresh token seeded with {@link #addRefreshToken}. Its {@code toString} shows the secret
     * redacted.
     *
     * @param id the token's id
     * @param userId its owner
     * @param name its name
     * @param secret its value; {@link Secret#reveal()} gives the raw string
     */
    public record SeededRefreshToken(long id, long userId, String name, Secret secret) {}

    /**
     * An API access token seeded with {@link #addAccessToken}. Its {@code toString} shows the
     * secret redacted.
     *
     * @param userId its owner
     * @param refreshTokenId the id of the refresh token it was minted from
     * @param secret its value; {@link Secret#reveal()} gives the raw string
     */
    public record SeededAccessToken(long userId, long refreshTokenId, Secret secret) {}

    /**
     * An OAuth client seeded with {@link #addOAuthClient}. Its {@code toString} shows the secret
     * redacted.
     *
     * @param clientId the client id
     * @param clientSecret the client secret; {@link Secret#reveal()} gives the raw string
     */
    public record SeededOAuthClient(String clientId, Secret clientSecret) {}

    private final FakeState<FakeAlationStore> state;

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
        this.state = new FakeState<>(new FakeAlationStore(clock));
    }

    // ---------------------------------------------------------------- seeding and inspection

    /**
     * Adds a user who signs in with a password.
     *
     * @param username the username, e.g. an email address
     * @param password the password
     * @return the new user, with the id the fake gave it
     */
    public SeededUser addUser(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return state.read(s -> seededUser(s.addUser(username, password, false)));
    }

    /**
     * Adds a user who signs in through SSO/SAML: creating a refresh token over the API is refused
     * for them (403 with a {@code detail}).
     *
     * @param username the username
     * @return the new user, with the id the fake gave it
     */
    public SeededUser addSsoUser(String username) {
        Objects.requireNonNull(username, "username");
        return state.read(s -> seededUser(s.addUser(username, null, true)));
    }

    /**
     * Adds an active refresh token, as if it had been made in the UI.
     *
     * @param userId the owner, added before
     * @param name the token's name
     * @return the token, with its ids and value
     */
    public SeededRefreshToken addRefreshToken(long userId, String name) {
        Objects.requireNonNull(name, "name");
        return state.read(s -> {
            if (!s.users.containsKey(userId)) {
                throw new IllegalArgumentException("no user with id " + userId + ": add the user first");
            }
            FakeAlationStore.RefreshToken t = s.newRefreshToken(userId, name);
            return new SeededRefreshToken(t.id, t.userId, t.name, Secret.of(t.value));
        });
    }

    /**
     * Adds an active API access token minted from a refresh token, without counting a mint.
     *
     * @param refreshToken the value of an existing refresh token
     * @return the access token, with its owner and value
     */
    public SeededAccessToken addAccessToken(Secret refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        return state.read(s -> {
            FakeAlationStore.AccessToken t = s.newAccessToken(existing(s, refreshToken));
            return new SeededAccessToken(t.userId, t.parentId, Secret.of(t.value));
        });
    }

    /**
     * Adds an OAuth client whose tokens live one hour, as a Server Admin registers one.
     *
     * @param clientId the client id, not used before
     * @return the client, with its secret
     */
    public SeededOAuthClient addOAuthClient(String clientId) {
        return addOAuthClient(clientId, Duration.ofHours(1));
    }

    /**
     * Adds an OAuth client whose tokens live the given time ({@code expires_in}).
     *
     * @param clientId the client id, not used before
     * @param tokenLifespan how long its tokens live, at least a second
     * @return the client, with its secret
     */
    public SeededOAuthClient addOAuthClient(String clientId, Duration tokenLifespan) {
        Objects.requireNonNull(clientId, "clientId");
        Duration lifespan = positive(tokenLifespan);
        if (lifespan.toSeconds() < 1) {
            throw new IllegalArgumentException("a token lifespan is counted in whole seconds, was " + lifespan);
        }
        return state.read(s -> {
            FakeAlationStore.OAuthClient c = s.addOAuthClient(clientId, Duration.ofSeconds(lifespan.toSeconds()));
            return new SeededOAuthClient(c.id(), Secret.of(c.secret()));
        });
    }

    /**
     * Revokes every token of one OAuth client, as an admin can: they die before their {@code exp}.
     *
     * @param clientId the client id
     * @return this fake
     */
    public FakeAlation revokeOAuthTokens(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return change(s -> {
            if (!s.oauthClients.containsKey(clientId)) {
                throw new IllegalArgumentException("no OAuth client with id " + clientId);
            }
            s.revokeJwts(clientId);
        });
    }

    /**
     * The status the fake holds for a JWT: {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}.
     *
     * @param jwt the token's value
     * @return the status, empty for an unknown value
     */
    public Optional<String> oauthTokenStatus(Secret jwt) {
        Objects.requireNonNull(jwt, "jwt");
        return state.read(s -> Optional.ofNullable(s.jwts.get(jwt.reveal())).map(t -> t.status(s.now())));
    }

    /**
     * How many JWTs were minted over {@code /oauth/v2/token/} (successfully).
     *
     * @return the count
     */
    public int oauthMintCount() {
        return state.read(s -> s.oauthMints);
    }

    /**
     * Revokes one refresh token, as an admin or the owner would in the UI. Access tokens minted
     * from it stay valid until they expire or are revoked.
     *
     * @param refreshToken the refresh token's value
     * @return this fake
     */
    public FakeAlation revokeRefreshToken(Secret refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        return change(s -> existing(s, refreshToken).revoked = true);
    }

    /**
     * Revokes every API access token of every user, as an admin could.
     *
     * @return this fake
     */
    public FakeAlation revokeAllAccessTokens() {
        return change(s -> s.accessTokens.values().forEach(t -> t.revoked = true));
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
        return state.read(s ->
                Optional.ofNullable(s.refreshTokens.get(refreshToken.reveal())).map(t -> t.status(s.now())));
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
        return state.read(s ->
                Optional.ofNullable(s.accessTokens.get(accessToken.reveal())).map(t -> t.status(s.now())));
    }

    /**
     * How many API access tokens of a user are active now.
     *
     * @param userId the user
     * @return the count
     */
    public int activeAccessTokenCount(long userId) {
        return state.read(s -> {
            Instant now = s.now();
            return (int) s.accessTokens.values().stream()
                    .filter(t -> t.userId == userId && FakeAlationStore.isActive(t.status(now)))
                    .count();
        });
    }

    /**
     * How many refresh tokens a user holds, in any state.
     *
     * @param userId the user
     * @return the count
     */
    public int refreshTokenCount(long userId) {
        return state.read(s -> (int) s.refreshTokens.values().stream()
                .filter(t -> t.userId == userId)
                .count());
    }

    /**
     * How many API access tokens were minted over {@code createAPIAccessToken} (successfully).
     *
     * @return the count
     */
    public int mintCount() {
        return state.read(s -> s.mints);
    }

    /**
     * How many validate calls ({@code validateRefreshToken} and {@code validateAPIAccessToken})
     * arrived, answered or not.
     *
     * @return the count
     */
    public int validateCount() {
        return state.read(s -> s.validations);
    }

    // ---------------------------------------------------------------- settings and switches

    /**
     * The lifespan of refresh tokens made from now on (default 60 days).
     *
     * @param lifespan a positive duration
     * @return this fake
     */
    public FakeAlation refreshTokenLifespan(Duration lifespan) {
        return change(s -> s.refreshLifespan = positive(lifespan));
    }

    /**
     * The lifespan of API access tokens minted from now on (default 24 hours).
     *
     * @param lifespan a positive duration
     * @return this fake
     */
    public FakeAlation accessTokenLifespan(Duration lifespan) {
        return change(s -> s.accessLifespan = positive(lifespan));
    }

    /**
     * The older form: validate calls on an expired or revoked token answer 200 with {@code
     * "token_status": "EXPIRED"} instead of 401.
     *
     * @param on true for the older form
     * @return this fake
     */
    public FakeAlation legacyExpiredStatus(boolean on) {
        return change(s -> s.legacyExpiredStatus = on);
    }

    /**
     * Older servers: token-endpoint rejections answer 200 with {@code {"status": "failed",
     * "detail": ...}} instead of 401.
     *
     * @param on true for the in-body failure form
     * @return this fake
     */
    public FakeAlation failedStatusInBody(boolean on) {
        return change(s -> s.failedStatusInBody = on);
    }

    /**
     * The data endpoint answers a missing or bad {@code TOKEN} with 401 instead of 403.
     *
     * @param on true for 401
     * @return this fake
     */
    public FakeAlation dataEndpointAnswers401(boolean on) {
        return change(s -> s.dataEndpoint401 = on);
    }

    /**
     * The data endpoint answers a valid token with a genuine permission denial: 403 {@code
     * {"detail": "You do not have permission to perform this action.", "code": "403001"}}.
     *
     * @param on true to deny
     * @return this fake
     */
    public FakeAlation denyDataPermission(boolean on) {
        return change(s -> s.denyDataPermission = on);
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
        return change(s -> s.rejectEveryDataToken = on);
    }

    /**
     * Whether regenerating a refresh token also revokes the access tokens minted from the old one
     * (default false: they stay valid until they expire).
     *
     * @param on true to revoke them
     * @return this fake
     */
    public FakeAlation regenerationRevokesAccessTokens(boolean on) {
        return change(s -> s.regenerationRevokesAccessTokens = on);
    }

    /**
     * Whether an expired (not revoked) refresh token may be regenerated (default false: 401).
     *
     * @param on true to accept
     * @return this fake
     */
    public FakeAlation regenerationAcceptsExpired(boolean on) {
        return change(s -> s.regenerationAcceptsExpired = on);
    }

    // ---------------------------------------------------------------- handling and reset

    @Override
    protected Reply handle(RecordedCall call) {
        return state.read(s -> FakeAlationRoutes.handle(s, call));
    }

    /** Saves the users, tokens, settings and counts for {@link #reset()}. */
    @Override
    protected void saveSeededState() {
        state.save();
    }

    /** Restores what {@link #saveSeededState()} saved. */
    @Override
    protected void restoreSeededState() {
        state.restore();
    }

    private static SeededUser seededUser(FakeAlationStore.User user) {
        return new SeededUser(user.id(), user.username());
    }

    private static FakeAlationStore.RefreshToken existing(FakeAlationStore s, Secret refreshToken) {
        FakeAlationStore.RefreshToken t = s.refreshTokens.get(refreshToken.reveal());
        if (t == null) {
            throw new IllegalArgumentException("no such refresh token");
        }
        return t;
    }

    private FakeAlation change(Consumer<FakeAlationStore> change) {
        state.change(change);
        return this;
    }

    private static Duration positive(Duration d) {
        Objects.requireNonNull(d, "lifespan");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a lifespan must be positive, was " + d);
        }
        return d;
    }
}
