package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.alation.OAuthTokenService;
import java.util.Objects;

/**
 * Mints JWTs for the client's OAuth client (O1). Its credential never changes, and a mint is safe
 * to repeat.
 */
public final class OAuthMinter implements TokenMinter {
    private final OAuthTokenService service;
    private final String clientId;
    private final Secret clientSecret;

    /**
     * Creates the minter.
     *
     * @param service mints the tokens
     * @param clientId the OAuth client id
     * @param clientSecret its secret
     */
    public OAuthMinter(OAuthTokenService service, String clientId, Secret clientSecret) {
        this.service = Objects.requireNonNull(service, "service");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public Minted mint() {
        return new Minted(service.mint(clientId, clientSecret), 0);
    }

    @Override
    public String subject() {
        return "a JWT for OAuth client " + clientId;
    }

    /**
     * The OAuth client id.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    @Override
    public String toString() {
        return "OAuthMinter[clientId=" + clientId + "]";
    }
}
