package io.catalogkit.tokens.alation;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Env;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Listeners;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.alation.internal.AccessTokenServiceImpl;
import io.catalogkit.tokens.alation.internal.AlationApi;
import io.catalogkit.tokens.alation.internal.AlationErrors;
import io.catalogkit.tokens.alation.internal.AlationWire;
import io.catalogkit.tokens.alation.internal.AuthInterceptor;
import io.catalogkit.tokens.alation.internal.ManagedAccessToken;
import io.catalogkit.tokens.alation.internal.OAuthMinter;
import io.catalogkit.tokens.alation.internal.OAuthTokenServiceImpl;
import io.catalogkit.tokens.alation.internal.RefreshCredential;
import io.catalogkit.tokens.alation.internal.RefreshTokenServiceImpl;
import io.catalogkit.tokens.alation.internal.TokenHeader;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The Alation client: refresh tokens, API access tokens, OAuth client credentials, and an access
 * token that never goes stale. Thread-safe; build one per Alation instance and share it. Close it
 * to release its connections.
 *
 * <pre>{@code
 * try (AlationClient alation = AlationClient.builder()
 *         .baseUrl("https://alation.example.com")
 *         .refreshToken(Secret.of(System.getenv("ALATION_REFRESH_TOKEN")), 17L)
 *         .build()) {
 *     OkHttpClient http = new OkHttpClient.Builder().addInterceptor(alation.authInterceptor()).build();
 *     // every call from http to alation.example.com now carries a current TOKEN
 * }
 * }</pre>
 *
 * <p>With a refresh token, the client mints an API access token on first use, keeps it until less
 * than the skew remains before the expiry the server reported (5 minutes by default, or half the
 * token's lifetime if that is shorter), and then mints the next one; it never validates a token
 * before a request. Concurrent callers share one mint. With an OAuth client ({@code
 * oauthClient(clientId, clientSecret)}, Alation Cloud Service 2023.3 and later) the same is done
 * with JWTs minted from the client credentials ({@code POST /oauth/v2/token/}); they go in the same
 * {@code TOKEN} header. Without credentials, the token endpoints ({@link #refreshTokens()}, {@link
 * #accessTokens()}, {@link #oauthTokens()}) still work: they carry their credentials in the request
 * body.
 *
 * <pre>{@code
 * AlationClient alation = AlationClient.builder()
 *         .baseUrl("https://alation.example.com")
 *         .oauthClient("catalogkit-ci", Secret.of(System.getenv("ALATION_CLIENT_SECRET")))
 *         .build();
 * }</pre>
 */
public final class AlationClient implements AutoCloseable {
    private static final String PLATFORM = "Alation";

    private final Transport transport;
    private final RefreshTokenService refreshTokens;
    private final AccessTokenService accessTokens;
    private final OAuthTokenService oauthTokens;
    private final ManagedAccessToken managed;
    private final String oauthClientId;
    private final HeldCredential oauthClientSecret;
    private final AuthInterceptor interceptor;
    /** The application half that {@link #installOn} pairs with {@link #tokenHeader}. */
    private final AuthInterceptor pairedInterceptor;

    private final TokenHeader tokenHeader;

    private AlationClient(Builder b, ClientOptions options) {
        this.transport = Transport.builder(options, PLATFORM)
                .credentials(Credentials.none())
                .requestIdHeader(AlationErrors.REQUEST_ID_HEADER)
                .errorParser(AlationErrors.PARSER)
                .credentialHeaders("TOKEN")
                .build();
        AlationApi api = new AlationApi(transport);
        this.accessTokens = new AccessTokenServiceImpl(api);
        this.oauthTokens = new OAuthTokenServiceImpl(api, options.clock());
        this.oauthClientId = b.clientId;
        CallListener listener = Listeners.guard(options.listener().orElse(null));
        if (b.refreshToken != null) {
            HeldCredential held = HeldCredential.of(options, PLATFORM, b.refreshToken, "refresh token")
                    .redactedBy(transport.redactor());
            this.oauthClientSecret = null;
            this.managed = new ManagedAccessToken(
                    accessTokens,
                    new RefreshCredential(held, b.userId),
                    options.clock(),
                    b.skew,
                    options.callTimeout(),
                    listener);
        } else if (b.clientId != null) {
            this.oauthClientSecret = HeldCredential.of(options, PLATFORM, b.clientSecret, "OAuth client secret")
                    .redactedBy(transport.redactor());
            this.managed = new ManagedAccessToken(
                    new OAuthMinter(oauthTokens, b.clientId, oauthClientSecret, options.callTimeout()),
                    options.clock(),
                    b.skew,
                    listener);
        } else {
            this.oauthClientSecret = null;
            this.managed = null;
        }
        if (managed != null) {
            transport.redactor().holdLive(managed::peek);
        }
        if (managed != null) {
            this.tokenHeader = new TokenHeader(options.baseUrl(), managed, transport::checkOpen);
            this.interceptor =
                    new AuthInterceptor(options.baseUrl(), managed, transport::checkOpen, tokenHeader, false);
            this.pairedInterceptor =
                    new AuthInterceptor(options.baseUrl(), managed, transport::checkOpen, tokenHeader, true);
        } else {
            this.tokenHeader = null;
            this.interceptor = null;
            this.pairedInterceptor = null;
        }
        this.refreshTokens = new RefreshTokenServiceImpl(api, Optional.ofNullable(managed));
    }

    /**
     * Starts a client.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code ALATION_BASE_URL}, then either {@code
     * ALATION_REFRESH_TOKEN} and {@code ALATION_USER_ID} (the id of the user who owns the refresh
     * token), or {@code ALATION_CLIENT_ID} and {@code ALATION_CLIENT_SECRET} (an OAuth client).
     * When both pairs are set, the refresh token is used (it came first, so adding OAuth variables
     * does not change what an existing deployment does). A pair of which only one variable is set is
     * an error naming the missing one.
     *
     * @return the client
     * @throws IllegalStateException naming the variable that is missing or not valid
     */
    public static AlationClient fromEnv() {
        return fromEnv(System.getenv());
    }

    static AlationClient fromEnv(Map<String, String> env) {
        String[] needs = {"ALATION_BASE_URL", "ALATION_REFRESH_TOKEN", "ALATION_USER_ID"};
        String[] oauthNeeds = {"ALATION_BASE_URL", "ALATION_CLIENT_ID", "ALATION_CLIENT_SECRET"};
        boolean refresh = Env.has(env, "ALATION_REFRESH_TOKEN") || isSet(env, "ALATION_USER_ID");
        boolean oauth = isSet(env, "ALATION_CLIENT_ID") || Env.has(env, "ALATION_CLIENT_SECRET");
        if (oauth) {
            // A half-set pair is a mistake even when the other pair is complete.
            String clientId = Env.require(env, "AlationClient", "ALATION_CLIENT_ID", oauthNeeds);
            CredentialSource clientSecret = Env.credential(env, "AlationClient", "ALATION_CLIENT_SECRET", oauthNeeds);
            if (!refresh) {
                return builder()
                        .baseUrl(Env.require(env, "AlationClient", "ALATION_BASE_URL", oauthNeeds))
                        .oauthClient(clientId, clientSecret)
                        .build();
            }
        }
        String baseUrl = Env.require(env, "AlationClient", "ALATION_BASE_URL", needs);
        CredentialSource refreshToken = Env.credential(env, "AlationClient", "ALATION_REFRESH_TOKEN", needs);
        String userIdText = Env.require(env, "AlationClient", "ALATION_USER_ID", needs);
        long userId;
        try {
            userId = Long.parseLong(userIdText);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "ALATION_USER_ID must be the numeric id of the user who owns the refresh token");
        }
        if (userId <= 0) {
            throw new IllegalStateException("ALATION_USER_ID must be a positive user id");
        }
        return builder().baseUrl(baseUrl).refreshToken(refreshToken, userId).build();
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    /**
     * Refresh tokens: create, validate, regenerate.
     *
     * @return the service
     */
    public RefreshTokenService refreshTokens() {
        return refreshTokens;
    }

    /**
     * API access tokens: create, validate, revoke all.
     *
     * @return the service
     */
    public AccessTokenService accessTokens() {
        return accessTokens;
    }

    /**
     * OAuth client credentials: mint a JWT, introspect one. They work on any client: the client
     * credentials go in each call's form body.
     *
     * @return the service
     */
    public OAuthTokenService oauthTokens() {
        return oauthTokens;
    }

    /**
     * The access token the client manages (an API access token for a refresh token, a JWT for an
     * OAuth client): cached, minted on first use, and minted again before it expires. Put it in the
     * {@code TOKEN} header of an Alation call, or let {@link #authInterceptor()} do that.
     *
     * @return the current access token
     * @throws IllegalStateException when the client was built without a refresh token or OAuth
     *     client
     * @throws CatalogKitException when a needed mint failed (e.g. {@link
     *     io.catalogkit.core.AuthenticationException} when the refresh token is no longer valid or
     *     the OAuth client secret is wrong)
     */
    public Secret currentAccessToken() {
        ManagedAccessToken m = managed();
        transport.checkOpen();
        return m.get();
    }

    /**
     * An OkHttp interceptor for your own Alation calls: add it with {@code
     * OkHttpClient.Builder.addInterceptor}. It puts the current access token in the {@code TOKEN}
     * header of every request to this client's Alation host (scheme, host and port of the base
     * URL), and to no other host. When the answer is 401, or 403 with code {@code 403000} or a body
     * that is not JSON, it mints a new token (one mint for all waiting threads) and replays the
     * request once; after that it returns whatever answer came. It never throws for an HTTP status:
     * a genuine permission 403 comes back as it is. The token never leaves its host: added with
     * {@code addInterceptor}, a redirect that would carry it to another host ends the call before
     * anything is sent there (use {@link #installOn} to follow such a redirect without the token);
     * added with {@code addNetworkInterceptor}, every request that leaves gets the token only when it
     * goes to this host (no replay is possible there). Whatever fails in it (a mint, a closed
     * client, a minted value no header can carry) is an {@link java.io.IOException} whose cause is
     * a {@link CatalogKitException}, so asynchronous calls see {@code onFailure}.
     *
     * @return the interceptor (the same one on every call)
     * @throws IllegalStateException when the client was built without a refresh token or OAuth
     *     client, or is closed
     */
    public Interceptor authInterceptor() {
        managed();
        transport.checkOpen();
        return interceptor;
    }

    /**
     * Installs Alation authentication on your own OkHttp client: an application interceptor that
     * re-mints and replays once when the answer says the access token was not accepted (as {@link
     * #authInterceptor()} does), and a network interceptor that puts the token in the {@code TOKEN}
     * header of each request that goes on the wire to this client's Alation host (scheme, host and
     * port of the base URL) and of no other, OkHttp's own follow-ups included: a redirect to another
     * host is followed without the token, as OkHttp does for {@code Authorization}. It also turns
     * answers OkHttp would fail on with a {@link RuntimeException} (a {@code Retry-After} beyond
     * {@code int} on a 503, a negative {@code Content-Length}) into {@link java.io.IOException}s.
     *
     * <pre>{@code
     * OkHttpClient http = alation.installOn(new OkHttpClient.Builder()).build();
     * }</pre>
     *
     * @param builder the builder of your OkHttp client
     * @return the same builder, for chaining
     * @throws IllegalStateException when the client was built without a refresh token or OAuth
     *     client, or is closed
     */
    public OkHttpClient.Builder installOn(OkHttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        managed();
        transport.checkOpen();
        return builder.addInterceptor(pairedInterceptor).addNetworkInterceptor(tokenHeader);
    }

    /**
     * The refresh token this client mints with (its current value, after any rotation), as Alation
     * reports it now: one validate call. The value itself is not returned.
     *
     * @return the token's state, or empty when the client was built without a refresh token
     * @throws io.catalogkit.core.AuthenticationException when Alation refuses it (expired, revoked
     *     or invalid)
     */
    public Optional<RefreshToken> ownRefreshToken() {
        if (managed == null || managed.credential() == null) {
            return Optional.empty();
        }
        RefreshToken state = refreshTokens.validate(
                managed.credential().secret(), managed.credential().userId());
        return Optional.of(state.toBuilder().secret(null).build());
    }

    /**
     * The OAuth client this client mints with, as Alation reports it now: its current JWT,
     * introspected (one call; a mint first when none is held). The JWT value is not returned.
     *
     * @return the JWT's state, named after the OAuth client id; empty when the client was built
     *     without an OAuth client
     * @throws io.catalogkit.core.AuthenticationException when Alation refuses the client credentials
     */
    public Optional<AccessToken> ownOAuthToken() {
        if (oauthClientId == null) {
            return Optional.empty();
        }
        AccessToken state = oauthTokens.introspect(currentAccessToken(), oauthClientId, oauthClientSecret.get());
        return Optional.of(state.toBuilder()
                .secret(null)
                .name(state.getName().orElse(oauthClientId))
                .build());
    }

    private ManagedAccessToken managed() {
        if (managed == null) {
            throw new IllegalStateException("This AlationClient has no credentials: build it with"
                    + " refreshToken(secret, userId) or oauthClient(clientId, clientSecret), or use fromEnv() with"
                    + " ALATION_REFRESH_TOKEN and ALATION_USER_ID, or ALATION_CLIENT_ID and ALATION_CLIENT_SECRET");
        }
        return managed;
    }

    /**
     * Stops the client: every later call on it, its services or its {@link #authInterceptor()}
     * fails before sending ({@link IllegalStateException}; in the interceptor an {@link
     * java.io.IOException} whose cause says so). Releases its connections (not those of an OkHttp
     * client passed to the builder).
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * The base URL (without user name or password) and, when configured, the user id or OAuth
     * client id; never a token or secret.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "AlationClient[baseUrl=" + transport.baseUrlForDisplay()
                + (oauthClientId != null
                        ? ", oauthClient=" + oauthClientId
                        : managed != null
                                ? ", userId=" + managed.credential().userId()
                                : ", no refresh token or OAuth client")
                + "]";
    }

    /** Builds an {@link AlationClient}. Not thread-safe; the client it builds is. */
    public static final class Builder extends ClientBuilder<Builder> {
        private CredentialSource refreshToken;
        private long userId;
        private String clientId;
        private CredentialSource clientSecret;
        private Duration skew = Duration.ofMinutes(5);

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The refresh token the client mints its API access tokens from.
         *
         * @param refreshToken the refresh token
         * @param userId the id of the user who owns it
         * @return this builder
         * @throws IllegalArgumentException when {@code userId} is not positive
         */
        public Builder refreshToken(Secret refreshToken, long userId) {
            return refreshToken(CredentialSource.of(Args.headerSafe(refreshToken, "refreshToken")), userId);
        }

        /**
         * The refresh token to mint API access tokens from, read from a store when first needed and
         * read again whenever Alation refuses a mint with the value held (a regeneration by another
         * process); see {@link CredentialSource} and {@link #credentialWait(Duration)}.
         *
         * @param refreshToken where the refresh token is read, e.g. {@code CredentialSource.fromFile(path)}
         * @param userId the id of the user who owns it
         * @return this builder
         */
        public Builder refreshToken(CredentialSource refreshToken, long userId) {
            this.refreshToken = Args.notNull(refreshToken, "refreshToken");
            AlationWire.checkUserId(userId);
            this.userId = userId;
            return this;
        }

        /**
         * An OAuth client (a service account on Alation Cloud Service 2023.3 and later): the client
         * mints JWTs from it with the client-credentials grant and manages them as it does API
         * access tokens. The secret goes only in the mint's form body, to the base URL.
         *
         * @param clientId the OAuth client id
         * @param clientSecret the OAuth client secret
         * @return this builder
         * @throws IllegalArgumentException when {@code clientId} is blank
         */
        public Builder oauthClient(String clientId, Secret clientSecret) {
            return oauthClient(clientId, CredentialSource.of(Args.notNull(clientSecret, "clientSecret")));
        }

        /**
         * An OAuth client whose secret is read from a store when first needed and read again whenever
         * Alation refuses a mint with the value held; see {@link CredentialSource} and {@link
         * #credentialWait(Duration)}.
         *
         * @param clientId the OAuth client id
         * @param clientSecret where the client secret is read
         * @return this builder
         */
        public Builder oauthClient(String clientId, CredentialSource clientSecret) {
            this.clientId = Args.notBlank(clientId, "clientId");
            this.clientSecret = Args.notNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * How long before its expiry the managed access token is replaced (default 5 minutes). For
         * tokens that live less than twice as long, half their lifetime is used instead.
         *
         * @param skew zero or more
         * @return this builder
         */
        public Builder accessTokenSkew(Duration skew) {
            Args.notNull(skew, "accessTokenSkew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("accessTokenSkew must not be negative, was " + skew);
            }
            this.skew = skew;
            return this;
        }

        /**
         * Checks the settings and builds the client.
         *
         * @return the client
         * @throws IllegalArgumentException naming a setting that is missing or wrong
         */
        public AlationClient build() {
            if (refreshToken != null && clientId != null) {
                throw new IllegalArgumentException(
                        "AlationClient: set either refreshToken(...) or oauthClient(...), not both");
            }
            return new AlationClient(this, options(PLATFORM, "ALATION_BASE_URL"));
        }
    }
}
