package io.catalogkit.tokens.datahub;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import java.util.Optional;

/**
 * DataHub service accounts and their tokens (DataHub Core 1.4 and later). Obtain it from {@link
 * DataHubClient#serviceAccounts()}; thread-safe.
 *
 * <p>Every call needs the "Manage Service Accounts" privilege (admins have it); without it a {@link
 * PermissionDeniedException} names it. Against a server older than Core 1.4 every call throws an
 * {@link ApiException} saying that the server has no service accounts.
 */
public interface ServiceAccountService {
    /**
     * Creates a service account. Not repeated on failure: after a timeout the account may exist, so
     * list before creating it again.
     *
     * @param displayName the name shown in DataHub's UI, or null
     * @param description what it is for, or null
     * @return the account, with the urn and name the server gave it
     */
    ServiceAccount create(String displayName, String description);

    /**
     * Lists service accounts in the server's order.
     *
     * @param start the offset of the first account, 0 or more
     * @param count the page size, 1 or more
     * @param query a search text, or null for every account
     * @return the first page; further pages are fetched as they are asked for
     */
    Page<ServiceAccount> list(int start, int count, String query);

    /**
     * Reads one service account.
     *
     * @param urn the account's urn, as the server gave it
     * @return the account; empty when there is none with that urn
     */
    Optional<ServiceAccount> get(String urn);

    /**
     * Deletes a service account. Its tokens may stay valid: revoke them first (list them with {@link
     * #listTokens}). Not repeated on failure.
     *
     * @param urn the account's urn
     * @return what the server answered: true when deleted
     */
    boolean delete(String urn);

    /**
     * Creates a token that acts as the service account (type {@code SERVICE_ACCOUNT}); the caller
     * becomes its owner. Not repeated on failure: after a timeout the token may exist, so list the
     * account's tokens before creating it again. Revoke it with {@link DataHubTokenService#revoke}.
     *
     * @param serviceAccountUrn the account's urn
     * @param duration how long it lives
     * @param name its name
     * @param description its description, or null
     * @return the token, with its value ({@link AccessToken#getSecret()}, shown only here) and id
     */
    AccessToken createToken(String serviceAccountUrn, AccessTokenDuration duration, String name, String description);

    /**
     * Lists the tokens that act as a service account, expired ones included.
     *
     * @param serviceAccountUrn the account's urn
     * @param start the offset of the first token, 0 or more
     * @param count the page size, 1 or more
     * @return the first page; further pages are fetched as they are asked for
     */
    Page<AccessToken> listTokens(String serviceAccountUrn, int start, int count);
}
