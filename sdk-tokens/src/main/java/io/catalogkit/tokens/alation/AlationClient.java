package io.catalogkit.tokens.alation;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Env;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.alation.internal.AccessTokens;
import io.catalogkit.tokens.alation.internal.AlationCalls;
import io.catalogkit.tokens.alation.internal.AlationErrors;
import io.catalogkit.tokens.alation.internal.AuthInterceptor;
import io.catalogkit.tokens.alation.internal.ManagedAccessToken;
import io.catalogkit.tokens.alation.internal.RefreshCredential;
import io.catalogkit.tokens.alation.internal.RefreshTokenHolders;
import io.catalogkit.tokens.alation.internal.RefreshTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;

/**
 * The Alation client: refresh tokens, API access tokens, and an access token that never goes
 * stale. Thread-safe; build one per Alation instance and share it. Close it to release its
 * connections.
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
 * before a request. Concurrent callers share one mint. Without credentials, the token endpoints
 * ({@link #refreshTokens()}, {@link #accessTokens()}) still work: they carry their credentials in
 * the request body.
 */
public final class AlationClient implements AutoCloseable {
    private static final String PLATFORM = "Alation";

    private final Transport transport;
    private final RefreshTokenService refreshTokens;
    private final AccessTokenService accessTokens;
    private final ManagedAccessToken managed;
    private final AuthInterceptor interceptor;

    private AlationClient(Builder b, ClientOptions options) {
        this.transport = Transport.builder(options, PLATFORM)
                .credentials(Credentials.none())
                .requestIdHeader(AlationErrors.REQUEST_ID_HEADER)
                .errorParser(AlationErrors.PARSER)
                .credentialHeaders("TOKEN")
                .build();
        transport.redactor().hold(b.refreshToken);
        AlationCalls calls = new AlationCalls(transport);
        this.accessTokens = new AccessTokens(calls);
        if (b.refreshToken != null) {
            this.managed = new ManagedAccessToken(
                    accessTokens, new RefreshCredential(b.refreshToken, b.userId), options.clock(), b.skew);
            this.interceptor = new AuthInterceptor(options.baseUrl(), managed, transport::checkOpen);
            RefreshTokenHolders.register(managed);
            transport
                    .redactor()
                    .holdLive(managed::peek)
                    .holdLive(() -> managed.credential().secret());
        } else {
            this.managed = null;
            this.interceptor = null;
        }
        this.refreshTokens = new RefreshTokens(calls, Optional.ofNullable(managed));
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
     * A client configured from the environment: {@code ALATION_BASE_URL}, {@code
     * ALATION_REFRESH_TOKEN} and {@code ALATION_USER_ID} (the id of the user who owns the refresh
     * token).
     *
     * @return the client
     * @throws IllegalStateException naming the variable that is missing or not valid
     */
    public static AlationClient fromEnv() {
        return fromEnv(System.getenv());
    }

    static AlationClient fromEnv(Map<String, String> env) {
        String[] needs = {"ALATION_BASE_URL", "ALATION_REFRESH_TOKEN", "ALATION_USER_ID"};
        String baseUrl = Env.require(env, "AlationClient", "ALATION_BASE_URL", needs);
        String refreshToken = Env.require(env, "AlationClient", "ALATION_REFRESH_TOKEN", needs);
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
        return builder()
                .baseUrl(baseUrl)
                .refreshToken(Secret.of(refreshToken), userId)
                .build();
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
     * The API access token the client manages: cached, minted on first use, and minted again
     * before it expires. Put it in the {@code TOKEN} header of an Alation call, or let {@link
     * #authInterceptor()} do that.
     *
     * @return the current access token
     * @throws IllegalStateException when the client was built without a refresh token
     * @throws CatalogKitException when a needed mint failed (e.g. {@link
     *     io.catalogkit.core.AuthenticationException} when the refresh token is no longer valid)
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
     * anything is sent there; added with {@code addNetworkInterceptor}, every request that leaves is
     * checked on its own (no replay is possible there). Whatever fails in it (a mint, a closed
     * client, a minted value no header can carry) is an {@link java.io.IOException} whose cause is
     * a {@link CatalogKitException}, so asynchronous calls see {@code onFailure}.
     *
     * @return the interceptor (the same one on every call)
     * @throws IllegalStateException when the client was built without a refresh token, or is closed
     */
    public Interceptor authInterceptor() {
        managed();
        transport.checkOpen();
        return interceptor;
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
        if (managed == null) {
            return Optional.empty();
        }
        RefreshToken state = refreshTokens.validate(
                managed.credential().secret(), managed.credential().userId());
        return Optional.of(state.toBuilder().secret(null).build());
    }

    private ManagedAccessToken managed() {
        if (managed == null) {
            throw new IllegalStateException("This AlationClient has no refresh token: build it with"
                    + " refreshToken(secret, userId), or use fromEnv() with ALATION_REFRESH_TOKEN and ALATION_USER_ID");
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
        if (managed != null) {
            RefreshTokenHolders.unregister(managed);
        }
        transport.close();
    }

    /**
     * The base URL (without user name or password) and, when configured, the user id; never a
     * token.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "AlationClient[baseUrl=" + transport.baseUrlForDisplay()
                + (managed != null ? ", userId=" + managed.credential().userId() : ", no refresh token") + "]";
    }

    /** Builds an {@link AlationClient}. Not thread-safe; the client it builds is. */
    public static final class Builder extends ClientBuilder<Builder> {
        private Secret refreshToken;
        private long userId;
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
            this.refreshToken = Args.notNull(refreshToken, "refreshToken");
            AlationCalls.checkUserId(userId);
            this.userId = userId;
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
            return new AlationClient(this, options(PLATFORM, "ALATION_BASE_URL"));
        }
    }
}
