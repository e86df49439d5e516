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
     * @param refreshToken a valid refresh token; visible ASCII, at most 8192 characters
     * @param userId the id of the user who owns it; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @return the new token, with its value ({@link AccessToken#getSecret()}) and expiry
     * @throws AuthenticationException when the refresh token is invalid, expired or revoked, or
     *     not owned by {@code userId}; the message says to create a new refresh token
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    AccessToken create(Secret refreshToken, long userId);

    /**
     * Reads an API access token's state ({@code POST /integration/v1/validateAPIAccessToken/}).
     * Older servers answer an expired token with status {@code EXPIRED} instead of an error: check
     * {@code AccessToken.getStatus()}.
     *
     * @param accessToken the access token; visible ASCII, at most 8192 characters
     * @param userId the id of the user it was minted for; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @return the token's state, without its value
     * @throws AuthenticationException when the token is invalid, expired or revoked
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    AccessToken validate(Secret accessToken, long userId);

    /**
     * Revokes every active API access token minted from one refresh token ({@code POST
     * /integration/v1/revokeAPIAccessTokens/}); the refresh token stays valid. Alation has no way
     * to revoke a single access token.
     *
     * @param refreshToken the refresh token the access tokens were minted from; visible ASCII, at most 8192 characters
     * @param userId the id of the user who owns it; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @throws AuthenticationException when the refresh token is invalid, expired or revoked
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    void revokeAll(Secret refreshToken, long userId);
}
