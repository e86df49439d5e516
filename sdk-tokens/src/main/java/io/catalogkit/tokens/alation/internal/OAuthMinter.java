package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.tokens.alation.OAuthTokenService;
import java.time.Duration;
import java.util.Objects;

/** Mints JWTs for an OAuth client, reading its secret again when Alation refuses it. */
public final class OAuthMinter implements TokenMinter {
    private final OAuthTokenService service;
    private final String clientId;
    private final HeldCredential clientSecret;
    private final Duration budget;

    /**
     * Mints for a client.
     *
     * @param service the OAuth service
     * @param clientId the client id
     * @param clientSecret the client secret, held from its source
     * @param budget how long one mint may wait for a changed secret
     */
    public OAuthMinter(OAuthTokenService service, String clientId, HeldCredential clientSecret, Duration budget) {
        this.service = Objects.requireNonNull(service, "service");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public Minted mint() {
        long deadline = System.nanoTime() + budget.toNanos();
        Secret used = clientSecret.get();
        for (int round = 0; ; round++) {
            try {
                return new Minted(service.mint(clientId, used), 0);
            } catch (AuthenticationException refused) {
                Secret fresh = round < MAX_REREADS ? clientSecret.refused(used, deadline) : null;
                if (fresh == null) {
                    throw round < MAX_REREADS && clientSecret.rereadable()
                            ? TokenMinter.stale(refused, clientSecret)
                            : refused;
                }
                used = fresh;
            }
        }
    }

    @Override
    public String subject() {
        return "a JWT for OAuth client " + clientId;
    }

    @Override
    public String kind() {
        return "oauth";
    }

    /**
     * The client id.
     *
     * @return the id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The client secret now (read from its source on first use).
     *
     * @return the secret
     */
    public Secret clientSecret() {
        return clientSecret.get();
    }

    @Override
    public String toString() {
        return "OAuthMinter[clientId=" + clientId + "]";
    }
}
