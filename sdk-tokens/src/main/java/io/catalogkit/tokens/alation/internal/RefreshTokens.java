package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.RefreshTokenService;
import io.catalogkit.tokens.internal.Hints;
import java.util.Optional;

/** {@link RefreshTokenService} over Alation's R1, R2 and R3 endpoints. Thread-safe. */
public final class RefreshTokens implements RefreshTokenService {
    private final AlationCalls calls;
    private final ManagedAccessToken own;

    /**
     * Creates the service.
     *
     * @param calls the calls
     * @param own the client's managed token, whose refresh token is switched when it is
     *     regenerated; empty for a client without credentials
     */
    public RefreshTokens(AlationCalls calls, Optional<ManagedAccessToken> own) {
        this.calls = calls;
        this.own = own.orElse(null);
    }

    @Override
    public RefreshToken create(String username, Secret password, String name) {
        Args.id(username, "username");
        Args.secret(password, "password");
        Args.line(name, Args.MAX_NAME, "name");
        String lookFirst = "A refresh token may have been created. Refresh tokens cannot be listed or"
                + " revoked over the API: look under Profile > Authentication in the Alation UI before"
                + " creating another.";
        ApiRequest request = calls.request(
                        Endpoint.CREATE_REFRESH_TOKEN, TokenRequest.credentials(username, password, name), password)
                // 408 and 429 say nothing about the user: no SSO hint for them.
                .hints(Hints.mayHaveActed(
                        (status, code) -> status == 401
                                ? AlationCalls.BAD_CREDENTIALS
                                : status >= 400 && status < 500 && status != 408 && status != 429
                                        ? AlationCalls.SSO_HINT
                                        : null,
                        lookFirst))
                .ambiguousFailureHint(lookFirst)
                .build();
        Answer answer = calls.sendForObject(request);
        return AlationJson.refreshToken(answer, true, null);
    }

    @Override
    public RefreshToken validate(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationCalls.checkUserId(userId);
        ApiRequest request = calls.request(
                        Endpoint.VALIDATE_REFRESH_TOKEN, TokenRequest.refreshToken(refreshToken, userId), refreshToken)
                .hints(AlationCalls.refreshTokenHints())
                .build();
        return AlationJson.refreshToken(calls.sendForObject(request), false, userId);
    }

    @Override
    public RefreshToken regenerate(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationCalls.checkUserId(userId);
        String lookFirst = "The refresh token may have been regenerated, which invalidates the old"
                + " value; validate the old one, and if it is no longer valid, create a new refresh token.";
        ApiRequest request = calls.request(
                        Endpoint.REGENERATE_REFRESH_TOKEN,
                        TokenRequest.refreshToken(refreshToken, userId),
                        refreshToken)
                .hints(Hints.mayHaveActed(AlationCalls.refreshTokenHints(), lookFirst))
                .ambiguousFailureHint(lookFirst)
                .build();
        Answer answer = calls.sendForObject(request);
        // The old value is dead from now on: switch the client first, so that a later parsing
        // failure cannot leave it holding a dead token.
        Secret fresh = Secret.of(AlationJson.requiredText(answer, "refresh_token"));
        if (own != null) {
            own.refreshTokenRegenerated(refreshToken, userId, fresh);
        }
        return AlationJson.refreshToken(answer, true, userId);
    }

    @Override
    public Rotation<RefreshToken> rotate(Secret refreshToken, long userId, SecretSink sink) {
        return new RefreshTokenRotation(this, own).rotate(refreshToken, userId, sink);
    }
}
