package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.alation.OAuthTokenService;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link OAuthTokenService} over Alation's O1 and O2 endpoints (wire contract section 7):
 * form-encoded bodies with the client credentials in them, RFC 6749 errors read by {@link
 * AlationErrors}. Thread-safe.
 */
public final class OAuthTokenServiceImpl implements OAuthTokenService {
    private final AlationApi api;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param api the client's endpoints
     * @param clock the client's clock, which expiries are counted on
     */
    public OAuthTokenServiceImpl(AlationApi api, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AccessToken mint(String clientId, Secret clientSecret) {
        checkClient(clientId, clientSecret);
        Instant sent = clock.instant();
        return AlationWire.mintedJwt(api.oauthToken(clientId, clientSecret), sent);
    }

    @Override
    public AccessToken introspect(Secret jwt, String clientId, Secret clientSecret) {
        Args.notNull(jwt, "jwt");
        checkClient(clientId, clientSecret);
        return AlationWire.introspection(api.oauthIntrospect(jwt, clientId, clientSecret), jwt, clock.instant());
    }

    private static void checkClient(String clientId, Secret clientSecret) {
        Args.id(clientId, "clientId");
        Args.notNull(clientSecret, "clientSecret");
    }
}
