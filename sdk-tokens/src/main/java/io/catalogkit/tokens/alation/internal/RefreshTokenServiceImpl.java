package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.RefreshTokenService;
import java.util.Objects;
import java.util.Optional;

/** {@link RefreshTokenService} over Alation's R1, R2 and R3 endpoints. Thread-safe. */
public final class RefreshTokenServiceImpl implements RefreshTokenService {
    private final AlationApi api;
    private final ManagedAccessToken own;

    /**
     * Creates the service.
     *
     * @param api the client's endpoints
     * @param own the client's managed token, whose refresh token is switched when it is
     *     regenerated; empty for a client without credentials
     */
    public RefreshTokenServiceImpl(AlationApi api, Optional<ManagedAccessToken> own) {
        this.api = Objects.requireNonNull(api, "api");
        this.own = own.orElse(null);
    }

    @Override
    public RefreshToken create(String username, Secret password, String name) {
        Args.id(username, "username");
        Args.secret(password, "password");
        Args.line(name, Args.MAX_NAME, "name");
        return AlationWire.refreshToken(api.createRefreshToken(username, password, name), true, null);
    }

    @Override
    public RefreshToken validate(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationWire.checkUserId(userId);
        return AlationWire.refreshToken(api.validateRefreshToken(refreshToken, userId), false, userId);
    }

    @Override
    public RefreshToken regenerate(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationWire.checkUserId(userId);
        Answer answer = api.regenerateRefreshToken(refreshToken, userId);
        // The old value is dead from now on: switch the client first, so that a later parsing
        // failure cannot leave it holding a dead token.
        Secret fresh = AlationWire.regeneratedValue(answer);
        if (own != null) {
            own.refreshTokenRegenerated(refreshToken, userId, fresh);
        }
        return AlationWire.refreshToken(answer, true, userId);
    }

    @Override
    public Rotation<RefreshToken> rotate(Secret refreshToken, long userId, SecretSink sink) {
        return new RefreshTokenRotation(this, own).rotate(refreshToken, userId, sink);
    }
}
