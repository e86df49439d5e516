package io.catalogkit.tokens.alation;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;

/**
 * Alation API access tokens: short-lived tokens (24 hours by default; the server's {@code
 * token_expires_at} is what counts) minted from a refresh token and sent in the {@code TOKEN}
 * header of every other Alation call. Obtained from {@link AlationClient#accessTokens()};
 * thread-safe.
 *
 * <p>To call Alation, there is usually no need to mint tokens by hand: a client built with a
 * refresh token manages one for you ({@link AlationClient#currentAccessToken()}, {@link
 * AlationClient#authInterceptor()}).
 */
public interface AccessTokenService {
    /**
     * Mints an API access token ({@code POST /integration/v1/createAPIAccessToken/}). An answer
     * whose status is not {@code ACTIVE} is a failed mint.
     *
     * @param refreshToken a valid refresh token
     * @param userId the id of the user who owns it
     * @return the new token, with its value ({@link AccessToken#getSecret()}) and expiry
     * @throws AuthenticationException when the refresh token is invalid, expired or revoked, or
     *     not owned by {@code userId}; the message says to create a new refresh token
     */
    AccessToken create(Secret refreshToken, long userId);

    /**
     * Reads an API access token's state ({@code POST /integration/v1/validateAPIAccessToken/}).
     * Older servers answer an expired token with status {@code EXPIRED} instead of an error: check
     * {@code AccessToken.getStatus()}.
     *
     * @param accessToken the access token
     * @param userId the id of the user it was minted for
     * @return the token's state, without its value
     * @throws AuthenticationException when the token is invalid, expired or revoked
     */
    AccessToken validate(Secret accessToken, long userId);

    /**
     * Revokes every active API access token minted from one refresh token ({@code POST
     * /integration/v1/revokeAPIAccessTokens/}); the refresh token stays valid. Alation has no way
     * to revoke a single access token.
     *
     * @param refreshToken the refresh token the access tokens were minted from
     * @param userId the id of the user who owns it
     * @throws AuthenticationException when the refresh token is invalid, expired or revoked
     */
    void revokeAll(Secret refreshToken, long userId);
}
