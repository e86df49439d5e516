package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AccessTokenService;
import io.catalogkit.tokens.internal.Hints;

/** {@link AccessTokenService} over Alation's P1, P2 and P3 endpoints. Thread-safe. */
public final class AccessTokens implements AccessTokenService {
    private final AlationCalls calls;

    /**
     * Creates the service.
     *
     * @param calls the calls
     */
    public AccessTokens(AlationCalls calls) {
        this.calls = calls;
    }

    @Override
    public AccessToken create(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationCalls.checkUserId(userId);
        String lookFirst = "An access token may have been minted; it expires on its own, so minting"
                + " again only adds one more: reuse the one you hold while it validates.";
        ApiRequest request = calls.request(
                        Endpoint.CREATE_ACCESS_TOKEN, TokenRequest.refreshToken(refreshToken, userId), refreshToken)
                .hints(Hints.mayHaveActed(AlationCalls.refreshTokenHints(), lookFirst))
                .ambiguousFailureHint(lookFirst)
                .build();
        Answer answer = calls.sendForObject(request);
        AccessToken token = AlationJson.accessToken(answer, true, userId);
        if (token.getStatus() != TokenStatus.ACTIVE) {
            // Older servers mint from an expired refresh token and report it in the status only.
            throw answer.fail(ErrorReport.of(
                    401,
                    null,
                    "the access token came back with token_status " + token.getStatus() + " instead of ACTIVE"));
        }
        return token;
    }

    @Override
    public AccessToken validate(Secret accessToken, long userId) {
        Args.headerSafe(accessToken, "accessToken");
        AlationCalls.checkUserId(userId);
        ApiRequest request = calls.request(
                        Endpoint.VALIDATE_ACCESS_TOKEN, TokenRequest.accessToken(accessToken, userId), accessToken)
                .hints((status, code) -> status == 401 ? AlationCalls.ACCESS_TOKEN_REJECTED : null)
                .build();
        return AlationJson.accessToken(calls.sendForObject(request), false, userId);
    }

    @Override
    public void revokeAll(Secret refreshToken, long userId) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationCalls.checkUserId(userId);
        ApiRequest request = calls.request(
                        Endpoint.REVOKE_ACCESS_TOKENS, TokenRequest.refreshToken(refreshToken, userId), refreshToken)
                .hints(AlationCalls.refreshTokenHints())
                .build();
        calls.send(request);
    }
}
