package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AccessTokenService;
import java.util.Objects;

/** {@link AccessTokenService} over Alation's P1, P2 and P3 endpoints. Thread-safe. */
public final class AccessTokenServiceImpl implements AccessTokenService {
    private final AlationApi api;

    /**
     * Creates the service.
     *
     * @param api the client's endpoints
     */
    public AccessTokenServiceImpl(AlationApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public AccessToken create(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationWire.checkUserId(userId);
        Answer answer = api.createAccessToken(refreshToken, userId);
        AccessToken token = AlationWire.accessToken(answer, true, userId);
        if (token.getStatus() != TokenStatus.ACTIVE) {
            throw answer.fail(AlationErrors.mintedInactive(token.getStatus()));
        }
        return token;
    }

    @Override
    public AccessToken validate(Secret accessToken, long userId) {
        Args.headerSafe(accessToken, "accessToken");
        AlationWire.checkUserId(userId);
        return AlationWire.accessToken(api.validateAccessToken(accessToken, userId), false, userId);
    }

    @Override
    public void revokeAll(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationWire.checkUserId(userId);
        api.revokeAccessTokens(refreshToken, userId);
    }
}
