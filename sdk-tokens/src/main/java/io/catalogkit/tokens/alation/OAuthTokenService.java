package io.catalogkit.tokens.alation;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;

/**
 * OAuth 2.0 client credentials (Alation Cloud Service 2023.3 and later): a service account is an
 * OAuth client, a client id and secret registered by a Server Admin under Settings ›
 * Authentication, that mints short-lived JWT access tokens. A JWT goes in the same {@code TOKEN}
 * header as an API access token. Obtained from {@link AlationClient#oauthTokens()}; thread-safe.
 *
 * <p>To call Alation, there is usually no need to mint by hand: a client built with {@code
 * oauthClient(clientId, clientSecret)} manages a JWT for you ({@link
 * AlationClient#currentAccessToken()}, {@link AlationClient#authInterceptor()}). The client secret
 * goes only in the form body of these calls, to the client's base URL.
 */
public interface OAuthTokenService {
    /**
     * Mints a JWT access token ({@code POST /oauth/v2/token/}, form-encoded, {@code
     * grant_type=client_credentials}). Safe to repeat: each call only issues another short-lived
     * token.
     *
     * @param clientId the OAuth client id
     * @param clientSecret the OAuth client secret
     * @return the token: its value ({@link AccessToken#getSecret()}), status {@code ACTIVE}, and
     *     its expiry ({@code expires_in} counted from when the request was sent)
     * @throws AuthenticationException when the client id or secret is wrong ({@code invalid_client})
     */
    AccessToken mint(String clientId, Secret clientSecret);

    /**
     * Asks Alation whether a JWT is still good ({@code POST /oauth/v2/introspect/?verify_token=true}).
     * An active token comes back {@code ACTIVE} with its expiry ({@code exp}), issue time ({@code
     * iat}), id ({@code jti}), owner ({@code sub}) and, as its name, the OAuth client id ({@code
     * client_id}); an inactive one {@code EXPIRED} when its own
     * {@code exp} has passed (or cannot be read), else {@code REVOKED}. Never returns the value.
     *
     * @param jwt the token to check
     * @param clientId the OAuth client id that asks
     * @param clientSecret its secret
     * @return the token's state
     * @throws AuthenticationException when the client id or secret is wrong ({@code invalid_client})
     */
    AccessToken introspect(Secret jwt, String clientId, Secret clientSecret);
}
