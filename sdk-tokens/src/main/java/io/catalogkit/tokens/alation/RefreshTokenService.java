package io.catalogkit.tokens.alation;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import io.catalogkit.tokens.SecretSink;

/**
 * Alation refresh tokens: long-lived tokens owned by one user, which mint short-lived API access
 * tokens. Obtained from {@link AlationClient#refreshTokens()}; thread-safe.
 *
 * <p>These endpoints carry their credentials in the body: they need no access token and work on a
 * client built without credentials. Public Alation material shows no API to list or revoke
 * refresh tokens; that is done in the UI (Profile &gt; Authentication).
 */
public interface RefreshTokenService {
    /**
     * Creates a refresh token from a username and password ({@code POST
     * /integration/v1/createRefreshToken/}). Each call makes a new token, and tokens cannot be
     * revoked over the API, so create one per integration and keep it; the call is never repeated
     * once it may have reached the server.
     *
     * <p>Users who sign in through SSO/SAML cannot create refresh tokens over the API: they create
     * them in the Alation UI. The error then says so.
     *
     * @param username the user's username; one line, at most 256 characters, no whitespace at either end
     * @param password the user's password; no control character, at most 8192 characters
     * @param name a name for the token, e.g. the integration it is for; one line (no control character), at most 255 characters
     * @return the new token, with its value ({@link RefreshToken#getSecret()})
     * @throws AuthenticationException when the username or password is wrong
     * @throws io.catalogkit.core.ApiException for other rejections (e.g. an SSO user), carrying
     *     the server's detail
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    RefreshToken create(String username, Secret password, String name);

    /**
     * Reads a refresh token's state ({@code POST /integration/v1/validateRefreshToken/}). Older
     * servers answer an expired token with status {@code EXPIRED} instead of an error: check
     * {@code RefreshToken.getStatus()}.
     *
     * @param refreshToken the refresh token; visible ASCII, at most 8192 characters
     * @param userId the id of the user who owns it; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @return the token's state, without its value
     * @throws AuthenticationException when the token is invalid, expired or revoked, or not
     *     owned by {@code userId}; the message says to create a new refresh token
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    RefreshToken validate(Secret refreshToken, long userId);

    /**
     * Replaces a refresh token with a new value ({@code POST /integration/v1/regenRefreshToken/}).
     * The old value stops working at once, so every process that shares it breaks; the call is
     * never repeated once it may have reached the server, because a repeat would fail and lose
     * the new value. When {@code refreshToken} is the client's own, the client switches to the new
     * value before this method returns.
     *
     * @param refreshToken the current, still valid, refresh token; visible ASCII, at most 8192 characters
     * @param userId the id of the user who owns it; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @return the new token, with its value ({@link RefreshToken#getSecret()})
     * @throws AuthenticationException when the token is invalid, expired or revoked: then create
     *     a new refresh token instead
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    RefreshToken regenerate(Secret refreshToken, long userId);

    /**
     * Replaces a refresh token's value and hands the new value to a sink: validates the old
     * value, regenerates it (Alation invalidates the old value at once), switches this client to the
     * new value when it held the old one (it mints new access tokens as needed), and stores the new
     * value with the sink. Other clients, in this process or another, see the new value through their
     * credential source ({@code CredentialSource.fromFile}, say) once the sink has stored it: a mint
     * refused for the old value makes them read their source again.
     *
     * <p>Regeneration cannot be undone. A failure before it leaves the old value untouched and the
     * {@link RotationException} says so. If the sink fails after it, the exception says that the
     * new value is the only valid one and where it is held, and carries it in {@link
     * RotationException#getValidSecret()}.
     *
     * @param refreshToken the current, still valid, refresh token; visible ASCII, at most 8192 characters
     * @param userId the id of the user who owns it; from 1 to {@link Integer#MAX_VALUE} (Alation user ids are 32-bit)
     * @param sink where the new value goes
     * @return the rotation: the old token's state, the new token with its value, and the steps
     * @throws RotationException when a step failed
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Rotation<RefreshToken> rotate(Secret refreshToken, long userId, SecretSink sink);
}
