package io.catalogkit.tokens.datahub;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import io.catalogkit.tokens.SecretSink;
import java.time.Duration;

/**
 * DataHub personal access tokens, over DataHub's GraphQL API. Obtain it from {@link
 * DataHubClient#accessTokens()}; thread-safe.
 *
 * <p>A token has three identifiers: the token value (a JWT, the secret, returned once by {@link
 * #create}), its id (a salted hash, what {@link #revoke} takes, see {@link AccessToken#getId()}) and
 * its urn. Privileges: "Generate Personal Access Tokens" lets a user create, list and revoke their
 * own tokens; "Manage All Access Tokens" (an admin) allows creating tokens for anyone, listing all,
 * revoking any and reading a raw token's metadata. A privilege the caller lacks raises {@link
 * PermissionDeniedException} naming it; a client token that is expired, revoked or invalid raises
 * {@link AuthenticationException} saying which.
 */
public interface DataHubTokenService {
    /**
     * Creates a personal access token. Not repeated on failure: after a timeout the token may exist,
     * so list the actor's tokens before creating it again.
     *
     * @param actorUrn whom the token acts as, e.g. {@code urn:li:corpuser:jdoe}; anyone but the caller
     *     needs "Manage All Access Tokens" (the caller then becomes the token's owner); {@code urn:li:corpuser:<id>}, no whitespace, at most 1024 characters
     * @param duration how long it lives
     * @param name its name; one line (no control character), at most 255 characters
     * @param description its description, or null; at most 4096 characters; line breaks and tabs allowed, no other control character
     * @return the token, with its value ({@link AccessToken#getSecret()}, shown only here) and id
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    AccessToken create(String actorUrn, AccessTokenDuration duration, String name, String description);

    /**
     * Creates a personal access token with any lifetime, sent as DataHub's ISO-8601 {@code
     * durationIso} (whole days as {@code P30D}). Only newer DataHub servers take it, and they may
     * refuse lifetimes outside their allowed list with a 400 whose message lists them; on a server
     * that does not know the field, the exception names the {@link AccessTokenDuration} to use with
     * {@link #create(String, AccessTokenDuration, String, String)} instead. Not repeated on failure.
     *
     * @param actorUrn whom the token acts as (see {@link #create(String, AccessTokenDuration,
     *     String, String)})
     * @param lifetime how long it lives, positive
     * @param name its name
     * @param description its description, or null
     * @return the token, with its value and id
     */
    AccessToken create(String actorUrn, Duration lifetime, String name, String description);

    /**
     * Lists tokens in the server's order, expired ones included (status {@code EXPIRED}). The list
     * reads a search index: a token created a moment ago may be missing for a while.
     *
     * @param start the offset of the first token, 0 or more; {@code start + count} at most {@link Integer#MAX_VALUE}
     * @param count the page size, 1 or more; at most {@link io.catalogkit.tokens.Page#MAX_SIZE}
     * @param ownerUrn the owner whose tokens to list (the caller's own urn needs only "Generate
     *     Personal Access Tokens"), or null for every token (needs "Manage All Access Tokens"); {@code urn:li:corpuser:<id>}, no whitespace, at most 1024 characters
     * @return the first page; further pages are fetched as they are asked for
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Page<AccessToken> list(int start, int count, String ownerUrn);

    /**
     * Revokes a token: the caller must own it or have "Manage All Access Tokens". Not repeated on
     * failure (a second revoke is an error on the wire).
     *
     * @param tokenId the token's id ({@link AccessToken#getId()}), never the token value itself; at most 256 characters, no control character, no whitespace at either end; never a token value
     * @return true when revoked; false when DataHub says the token no longer exists (revoked before,
     *     or expired and cleaned up)
     * @throws IllegalArgumentException when {@code tokenId} looks like a token value (a JWT)
     * @throws PermissionDeniedException when the caller may not revoke it, including an owner's
     *     second revoke, which DataHub cannot tell from "not yours"
     */
    boolean revoke(String tokenId);

    /**
     * Reads the metadata of a raw token (needs "Manage All Access Tokens"): whom it acts as, who made
     * it, when it expires.
     *
     * @param token the token value; no control character, at most 8192 characters
     * @return the token's metadata, without its value
     * @throws NotFoundException when DataHub holds no such token (unknown, revoked or expired)
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    AccessToken getMetadata(Secret token);

    /**
     * Replaces a token with a new one and revokes the old: looks the old token up by id (among
     * every token for an admin, among the caller's own otherwise), creates a replacement for the
     * same actor with the same name and description, verifies its secret with a call made with it,
     * hands the secret to the sink, and then revokes the old token.
     *
     * <p>If anything fails before the sink has stored the secret, the replacement is revoked again,
     * the old token is untouched, and a {@link RotationException} says so. If revoking the old
     * token fails after that, the rotation is returned with {@code Rotation.isOldRevoked()} false
     * and steps that say what to do.
     *
     * @param tokenId the old token's id ({@link AccessToken#getId()}); at most 256 characters, no control character, no whitespace at either end; never a token value
     * @param duration how long the replacement lives
     * @param sink where the replacement's secret goes, before the old token is revoked
     * @return the rotation: the old token, the replacement with its secret, and the steps
     * @throws NotFoundException when the caller sees no token with that id (nothing is changed)
     * @throws RotationException when a step failed before the sink stored the secret
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink);

    /**
     * Rotates a token as {@link #rotate(String, AccessTokenDuration, SecretSink)} does, with an
     * overlap: the old token stays valid for {@code grace} after the sink stored the new secret, and
     * only then is it revoked (this call waits), so that every process reading the secret from a store
     * that takes a while to reach them (a mounted Kubernetes secret: a minute or two) picks up the new
     * one first. {@code Rotation.getSteps()} says how long both tokens were valid.
     *
     * <p>If the waiting thread is interrupted during the grace period, the old token is not revoked
     * (some readers may still hold it): the rotation returns with {@code Rotation.isOldRevoked()} false,
     * steps that say how to revoke it later, and the thread's interrupt flag set.
     *
     * <p>When this client itself authenticates with the old token, it switches to the replacement's
     * secret once the old one is revoked.
     *
     * @param tokenId the id of the token to replace
     * @param duration the replacement's lifetime
     * @param sink where the replacement's secret goes
     * @param grace how long both tokens stay valid after the sink returned; {@code Duration.ZERO} for
     *     none
     * @return what was done
     * @throws IllegalArgumentException when {@code grace} is negative
     * @throws io.catalogkit.tokens.RotationException when it failed before the sink stored the secret
     */
    Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink, Duration grace);
}
