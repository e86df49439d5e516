package io.catalogkit.tokens.atlan;

import io.catalogkit.core.ClientBuilder;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Env;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.atlan.internal.ApiTokenServiceImpl;
import io.catalogkit.tokens.atlan.internal.AtlanErrors;
import java.util.Map;
import java.util.Objects;

/**
 * The Atlan client: {@code AtlanClient.builder().baseUrl("https://tenant.atlan.com")
 * .apiKey(Secret.of("...")).build()}, or {@link #fromEnv()}. Thread-safe; make one and share it.
 * Close it when done to release its connections.
 *
 * <p>Every request carries {@code Authorization: Bearer <apiKey>}, {@code Accept:
 * application/json} and a fresh {@code X-Atlan-Request-Id}. The API key should be an Atlan API
 * token (not a personal one) for {@link ApiTokenService#addApiTokenAsAdmin} and {@link
 * ApiTokenService#addApiTokenAsViewer}, which add the client's own token to an asset.
 */
public final class AtlanClient implements AutoCloseable {
    /** The environment variable {@link #fromEnv()} reads the base URL from. */
    public static final String ENV_BASE_URL = "ATLAN_BASE_URL";
    /** The environment variable {@link #fromEnv()} reads the API key from. */
    public static final String ENV_API_KEY = "ATLAN_API_KEY";

    private final Transport transport;
    private final ApiTokenService apiTokens;

    private AtlanClient(ClientOptions options, CredentialSource apiKey) {
        HeldCredential held = HeldCredential.of(options, "Atlan", apiKey, "API key");
        this.transport = Transport.builder(options, "Atlan")
                .credentials(Credentials.bearer(held))
                .requestIdHeader(AtlanErrors.REQUEST_ID_HEADER)
                .errorParser(AtlanErrors.PARSER)
                .build();
        held.redactedBy(transport.redactor());
        this.apiTokens =
                new ApiTokenServiceImpl(transport, held, key -> new AtlanClient(options, CredentialSource.of(key)));
    }

    /**
     * Starts a client builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment variables {@code ATLAN_BASE_URL} and {@code
     * ATLAN_API_KEY}.
     *
     * @return the client
     * @throws IllegalStateException naming the variable that is missing
     */
    public static AtlanClient fromEnv() {
        return fromEnv(System.getenv());
    }

    static AtlanClient fromEnv(Map<String, String> env) {
        return builder()
                .baseUrl(Env.require(env, "AtlanClient", ENV_BASE_URL, ENV_BASE_URL, ENV_API_KEY))
                .apiKey(Env.credential(env, "AtlanClient", ENV_API_KEY, ENV_BASE_URL, ENV_API_KEY))
                .build();
    }

    /**
     * The API token service.
     *
     * @return the service
     */
    public ApiTokenService apiTokens() {
        return apiTokens;
    }

    /**
     * Stops the client: every later call on it or its service throws {@link IllegalStateException}
     * before sending. Releases its connections and threads (unless the OkHttp client was shared).
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * The base URL; never a key.
     *
     * @return e.g. {@code AtlanClient[https://tenant.atlan.com/]}
     */
    @Override
    public String toString() {
        return "AtlanClient[" + transport.baseUrlForDisplay() + "]";
    }

    /** Builds an {@link AtlanClient}; also takes every setting of {@link ClientBuilder}. */
    public static final class Builder extends ClientBuilder<Builder> {
        private CredentialSource apiKey;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The API key: an Atlan API token's secret (or a user's bearer token), sent as {@code
         * Authorization: Bearer}.
         *
         * @param apiKey the key
         * @return this builder
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = CredentialSource.of(Args.headerSafe(apiKey, "apiKey"));
            return this;
        }

        /**
         * The API key, read from a store when first needed and read again whenever Atlan refuses the
         * value held (a rotation by another process); see {@link CredentialSource} and {@link
         * #credentialWait(java.time.Duration)}.
         *
         * @param apiKey where the API key is read, e.g. {@code CredentialSource.fromFile(path)}
         * @return this builder
         */
        public Builder apiKey(CredentialSource apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * Checks the settings and builds the client.
         *
         * @return the client
         * @throws IllegalArgumentException naming a missing or wrong setting
         */
        public AtlanClient build() {
            ClientOptions options = options("Atlan", ENV_BASE_URL);
            if (apiKey == null) {
                throw new IllegalArgumentException(
                        "Atlan apiKey is required: call apiKey(Secret.of(...)) or set " + ENV_API_KEY);
            }
            return new AtlanClient(options, apiKey);
        }
    }
}
