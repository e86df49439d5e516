package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.internal.ErrorMapper;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.tokens.AccessToken;

/**
 * Where a {@link ManagedAccessToken} gets its tokens: an API access token from a refresh token, or
 * a JWT from an OAuth client. The managed token does the caching, renewal and single flight; a
 * minter only mints.
 */
public interface TokenMinter {
    /**
     * A minted token and the generation of the credential it was minted from.
     *
     * @param token the token, with its value and expiry
     * @param generation the credential's generation when the mint read it
     */
    record Minted(AccessToken token, long generation) {}

    /**
     * Mints one token. Called by one thread at a time.
     *
     * @return the token and the generation of the credential used
     * @throws io.catalogkit.core.CatalogKitException when the mint failed
     */
    Minted mint();

    /**
     * The generation of the credential now. A token minted from an older generation is thrown away
     * (its credential died while the mint was under way). Constant for a credential that never
     * changes.
     *
     * @return the generation
     */
    default long generation() {
        return 0;
    }

    /**
     * What is minted, for whom, in log lines: never a secret.
     *
     * @return e.g. {@code "an API access token for user 17"}
     */
    String subject();

    /** How many times one mint reads a refused credential's store anew. */
    int MAX_REREADS = 3;

    /**
     * The kind of token minted, as {@code CallListener.tokenMinted} names it.
     *
     * @return {@code access-token} or {@code oauth}
     */
    String kind();

    /**
     * The refusal, its message ending with what the store held.
     *
     * @param refused Alation's refusal
     * @param held the refused credential
     * @return the exception to throw
     */
    static AuthenticationException stale(AuthenticationException refused, HeldCredential held) {
        return ErrorMapper.refusedCredential(refused, held.staleSentence());
    }
}
