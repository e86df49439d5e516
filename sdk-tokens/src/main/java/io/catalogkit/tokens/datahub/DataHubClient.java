package io.catalogkit.tokens.datahub;

import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Env;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.datahub.internal.DataHubApi;
import io.catalogkit.tokens.datahub.internal.DataHubErrors;
import io.catalogkit.tokens.datahub.internal.DataHubTokenServiceImpl;
import io.catalogkit.tokens.datahub.internal.Jwt;
import io.catalogkit.tokens.datahub.internal.ServiceAccountServiceImpl;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for DataHub's token management, over GraphQL at {@code /api/graphql} with {@code
 * Authorization: Bearer <token>}. Thread-safe; close it to release its connections.
 *
 * <p>The base URL is DataHub GMS (e.g. {@code http://localhost:8080}), the frontend (port 9002,
 * which proxies {@code /api/graphql}) or DataHub Cloud ({@code https://<tenant>.acryl.io}).
 *
 * <pre>{@code
 * try (DataHubClient client = DataHubClient.builder()
 *         .baseUrl("http://localhost:8080")
 *         .token(Secret.of(System.getenv("DATAHUB_GMS_TOKEN")))
 *         .build()) {
 *     AccessToken t = client.accessTokens()
 *             .create("urn:li:corpuser:jdoe", AccessTokenDuration.ONE_MONTH, "ci", null);
 * }
 * }</pre>
 */
public final class DataHubClient implements AutoCloseable {
    /** The environment variable with the base URL, as DataHub's own CLI names it. */
    public static final String ENV_GMS_URL = "DATAHUB_GMS_URL";

    /** The environment variable with the personal access token, as DataHub's own CLI names it. */
    public static final String ENV_GMS_TOKEN = "DATAHUB_GMS_TOKEN";

    static final String PLATFORM = "DataHub";

    private final Transport transport;
    private final HeldCredential token;
    private final DataHubTokenService accessTokens;
    private final ServiceAccountService serviceAccounts;

    private DataHubClient(ClientOptions options, CredentialSource token) {
        this.token = HeldCredential.of(options, PLATFORM, token, "token");
        this.transport = Transport.builder(options, PLATFORM)
                .credentials(Credentials.bearer(this.token))
                .requestIdHeader(DataHubErrors.REQUEST_ID_HEADER)
                .errorParser(DataHubErrors.PARSER)
                .build();
        this.token.redactedBy(transport.redactor());
        DataHubApi api = new DataHubApi(transport, this.token);
        this.accessTokens = new DataHubTokenServiceImpl(api);
        this.serviceAccounts = new ServiceAccountServiceImpl(api);
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
     * A client from the environment: {@value #ENV_GMS_URL} and {@value #ENV_GMS_TOKEN}.
     *
     * @return the client
     * @throws IllegalStateException naming a variable that is missing or blank
     */
    public static DataHubClient fromEnv() {
        return fromEnv(System.getenv());
    }

    static DataHubClient fromEnv(Map<String, String> env) {
        return builder()
                .baseUrl(Env.require(env, "DataHubClient", ENV_GMS_URL, ENV_GMS_URL, ENV_GMS_TOKEN))
                .token(Env.credential(env, "DataHubClient", ENV_GMS_TOKEN, ENV_GMS_URL, ENV_GMS_TOKEN))
                .build();
    }

    /**
     * DataHub personal access tokens.
     *
     * @return the service
     */
    public DataHubTokenService accessTokens() {
        return accessTokens;
    }

    /**
     * DataHub service accounts and their tokens (DataHub Core 1.4 and later; on an older server
     * every call throws an {@code ApiException} saying it has none).
     *
     * @return the service
     */
    public ServiceAccountService serviceAccounts() {
        return serviceAccounts;
    }

    /**
     * The urn of the user the client's own token acts as, read from the token's claims (not
     * verified: only DataHub can do that).
     *
     * @return e.g. {@code urn:li:corpuser:jdoe}; empty when the token is not a DataHub JWT
     * @throws IllegalStateException when the client is closed
     */
    public Optional<String> actorUrn() {
        transport.checkOpen();
        return Jwt.actorUrn(token.get());
    }

    /**
     * Stops the client: every later call on it or its service throws {@link IllegalStateException}
     * before sending. Releases its connections (a shared {@code httpClient(...)} stays open).
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * The base URL; never a token.
     *
     * @return e.g. {@code DataHubClient[http://localhost:8080/]}
     */
    @Override
    public String toString() {
        return "DataHubClient[" + transport.baseUrlForDisplay() + "]";
    }

    /** Builds a {@link DataHubClient}; not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private CredentialSource token;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The personal access token the client authenticates with (sent as {@code Authorization:
         * Bearer}). The client acts with exactly that user's privileges.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(Secret token) {
            this.token = CredentialSource.of(Args.headerSafe(token, "token"));
            return this;
        }

        /**
         * The access token, read from a store when first needed and read again whenever DataHub refuses
         * the value held (a rotation by another process); see {@link CredentialSource} and {@link
         * #credentialWait(java.time.Duration)}.
         *
         * @param token where the token is read, e.g. {@code CredentialSource.fromFile(path)}
         * @return this builder
         */
        public Builder token(CredentialSource token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Checks the settings and builds the client.
         *
         * @return the client
         * @throws IllegalArgumentException naming a setting that is missing or wrong
         */
        public DataHubClient build() {
            ClientOptions options = options(PLATFORM, ENV_GMS_URL);
            if (token == null) {
                throw new IllegalArgumentException(
                        "DataHub token is required: call token(Secret.of(...)) or set " + ENV_GMS_TOKEN);
            }
            return new DataHubClient(options, token);
        }
    }
}
