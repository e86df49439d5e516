package io.catalogkit.tokens.atlan;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import io.catalogkit.tokens.SecretSink;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Atlan API tokens: create, look up, list, rename, link personas, purge, and make the client's own
 * token a connection admin or collection viewer. Obtained from {@link AtlanClient#apiTokens()};
 * thread-safe.
 *
 * <p>An Atlan API token is an actor of its own, not a personal access token: it does not inherit
 * its creator's rights, and it sees assets only through the personas linked to it. Its secret is
 * returned once, by {@link #create}. Persona links are a complete set: whatever an update leaves
 * out is unlinked.
 *
 * <p>Every method throws {@link ApiException} (or a subclass) when Atlan answers with an error,
 * {@link TransportException} when no answer came, {@link MalformedResponseException} when the
 * answer is not what Atlan sends, and {@link IllegalArgumentException} or {@link
 * NullPointerException} for bad arguments before anything is sent.
 */
public interface ApiTokenService {
    /**
     * Creates an API token. The answer is the only place its secret ever appears: keep {@link
     * ApiToken#getAccessToken()}.
     *
     * <p>Validity: {@code null}, a negative value or Atlan's documented never-expiring value {@code
     * 409968000} mean "never expires". Atlan's identity server keeps expiry as a signed 32-bit
     * epoch second, so a token expiring after 2038-01-19T03:14:07Z is expired at birth; catalogkit
     * therefore sends the longest validity that stays at least an hour before that instant and is
     * no longer than 157680000 s (5 years), as Atlan's own SDKs do. A positive value above that
     * ceiling is clamped to it with a WARN log naming the value sent; {@code 0} is rejected.
     *
     * <p>Creating is never repeated once the request may have reached Atlan (a duplicate token
     * would be a stray secret), and it may take minutes, so it has a long timeout of its own
     * (6 minutes, for the whole call and for each read), unless the client was built with an
     * explicit {@code callTimeout}, which then bounds it too. If it fails ambiguously (a timeout, a dropped connection, a 5xx), the token
     * may exist anyway: look it up with {@link #retrieveByName(String)} before trying again.
     *
     * @param displayName the display name; not blank (Atlan does not require it to be unique); one line (no control character), at most 255 characters
     * @param description the description, or null for none; at most 4096 characters; line breaks and tabs allowed, no other control character
     * @param personaQualifiedNames the qualified names of the personas to link, or null for none; at most 1000 names, each one line of at most 1024 characters
     * @param validitySeconds the lifespan in seconds, or null for "never expires"
     * @return the new token, with its secret
     * @throws IllegalArgumentException when an argument breaks its rule above, or on a validity of 0
     *     (the message names the argument; nothing is sent)
     * @throws CatalogKitException when no validity before 2038 can be sent any more
     */
    ApiToken create(String displayName, String description, Set<String> personaQualifiedNames, Long validitySeconds);

    /**
     * Looks a token up by its exact display name, with one request.
     *
     * @param displayName the display name, matched exactly (case and spaces included); one line (no control character), at most 255 characters
     * @return the token, or empty when none has that name
     * @throws CatalogKitException when several tokens have that name; the message lists their
     *     GUIDs so that one can be chosen with {@link #getByGuid(String)}
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Optional<ApiToken> retrieveByName(String displayName);

    /**
     * Looks a token up by its client id, with one request.
     *
     * @param clientId {@code apikey-<uuid>}, or the service-account username {@code
     *     service-account-apikey-<uuid>}; at most 256 characters, no control character, no whitespace at either end
     * @return the token, or empty when none has that client id
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Optional<ApiToken> getById(String clientId);

    /**
     * Looks a token up by its GUID, with one request.
     *
     * @param guid the token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @return the token, or empty when none has that GUID (for instance after {@link
     *     #purge(String)})
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Optional<ApiToken> getByGuid(String guid);

    /**
     * Lists tokens, newest first. {@link Page#autoPager()} walks every further page lazily.
     *
     * @param offset how many tokens to skip, 0 or more; {@code offset + limit} at most {@link Integer#MAX_VALUE}
     * @param limit the page size, 1 or more; at most {@link io.catalogkit.tokens.Page#MAX_SIZE}
     * @return the page
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Page<ApiToken> list(int offset, int limit);

    /**
     * Renames a token, changes its description, and sets its personas.
     *
     * <p>The persona set is <b>complete</b>: a persona linked now and left out of it is unlinked;
     * an empty set unlinks all. A {@code null} argument keeps the current value (the token is read
     * first), so {@code update(guid, "new name", null, null)} renames without touching the
     * description or the personas. To add or remove personas while keeping the others, use {@link
     * #linkPersonas} and {@link #unlinkPersonas}. The validity cannot be changed.
     *
     * @param guid the token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @param displayName the new display name, or null to keep it; one line (no control character), at most 255 characters
     * @param description the new description, or null to keep it; at most 4096 characters; line breaks and tabs allowed, no other control character
     * @param personaQualifiedNames the complete set of personas, or null to keep them; at most 1000 names, each one line of at most 1024 characters
     * @return the token as Atlan now reports it (read again by GUID when the answer lags behind)
     * @throws NotFoundException when no token has that GUID
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    ApiToken update(String guid, String displayName, String description, Set<String> personaQualifiedNames);

    /**
     * Links personas to a token, keeping those already linked: reads the current set, adds to it,
     * and sends the complete set back. Sends nothing when all are linked already.
     *
     * @param guid the token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @param add the qualified names of the personas to link; at most 1000 names, each one line of at most 1024 characters
     * @return the token as Atlan now reports it
     * @throws NotFoundException when no token has that GUID
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    ApiToken linkPersonas(String guid, Set<String> add);

    /**
     * Unlinks personas from a token, keeping the others: reads the current set, removes from it,
     * and sends the complete set back. Sends nothing when none of them is linked.
     *
     * @param guid the token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @param remove the qualified names of the personas to unlink; at most 1000 names, each one line of at most 1024 characters
     * @return the token as Atlan now reports it
     * @throws NotFoundException when no token has that GUID
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    ApiToken unlinkPersonas(String guid, Set<String> remove);

    /**
     * Deletes a token for good; its secret stops working. A retried delete that finds the token
     * gone (because the first attempt deleted it) counts as done.
     *
     * @param guid the token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @throws NotFoundException when no token has that GUID
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    void purge(String guid);

    /**
     * Makes the client's own API token an admin of a connection, or an editor of a collection
     * ({@code adminUsers}). Needs the bearer token of a real user who already administers the
     * asset (a token cannot promote itself); that token is used only to read and save the asset.
     * Every existing admin is kept; nothing is sent when the token is already one.
     *
     * @param assetGuid the GUID of the connection or collection; at most 256 characters, no control character, no whitespace at either end
     * @param impersonationToken a bearer token of a user who administers the asset; visible ASCII, at most 8192 characters (it is sent in a header)
     * @throws NotFoundException when the asset does not exist or that user cannot see it
     * @throws AuthenticationException when the client's own key or the impersonation token is
     *     refused; the message says which
     * @throws PermissionDeniedException when the impersonation token's user may not change the
     *     asset
     * @throws CatalogKitException when the client's key is not an API token, or Atlan accepted the
     *     save without adding the token
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    void addApiTokenAsAdmin(String assetGuid, Secret impersonationToken);

    /**
     * Makes the client's own API token a viewer of a collection ({@code viewerUsers}), in the same
     * way as {@link #addApiTokenAsAdmin}: every existing viewer is kept; nothing is sent when the
     * token is already one.
     *
     * @param collectionGuid the GUID of the collection; at most 256 characters, no control character, no whitespace at either end
     * @param impersonationToken a bearer token of a user who administers the collection; visible ASCII, at most 8192 characters (it is sent in a header)
     * @throws NotFoundException when the collection does not exist or that user cannot see it
     * @throws AuthenticationException when the client's own key or the impersonation token is
     *     refused; the message says which
     * @throws PermissionDeniedException when the impersonation token's user may not change the
     *     collection
     * @throws CatalogKitException when the client's key is not an API token, or Atlan accepted the
     *     save without adding the token
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    void addApiTokenAsViewer(String collectionGuid, Secret impersonationToken);

    /**
     * Replaces a token with a new one and purges the old: creates a replacement with the same
     * display name, description, personas and validity (a lifespan counted from now), verifies its
     * secret with a call made with it, hands the secret to the sink, and then purges the old token.
     *
     * <p>The replacement is a new service-account user, so the old token's admin and viewer grants
     * do not carry over: the assets where the old token's user is an admin or viewer (as far as
     * this client's key can see them, by index search) are listed in the steps. {@link
     * #rotate(String, SecretSink, Secret)} grants them to the replacement.
     *
     * <p>If anything fails before the sink has stored the secret, the replacement is purged again,
     * the old token is untouched, and a {@link RotationException} says so. If purging the old token
     * fails after that, the rotation is returned with {@code Rotation.isOldRevoked()} false and
     * steps that say what to do.
     *
     * @param guid the old token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @param sink where the replacement's secret goes, before the old token is purged
     * @return the rotation: the old token, the replacement with its secret, and the steps
     * @throws NotFoundException when no token has that GUID (nothing is changed)
     * @throws RotationException when a step failed before the sink stored the secret
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Rotation<ApiToken> rotate(String guid, SecretSink sink);

    /**
     * Rotates a token as {@link #rotate(String, SecretSink)} does, with an overlap: the old token stays
     * valid for {@code grace} after the sink stored the new secret, and only then is it purged (this
     * call waits), so that every process reading the secret from a store that takes a while to reach
     * them (a mounted Kubernetes secret: a minute or two) picks up the new one first. {@code
     * Rotation.getSteps()} says how long both tokens were valid.
     *
     * <p>If the waiting thread is interrupted during the grace period, the old token is not purged
     * (some readers may still hold it): the rotation returns with {@code Rotation.isOldRevoked()} false,
     * steps that say how to purge it later, and the thread's interrupt flag set.
     *
     * <p>When this client itself authenticates as the old token, it switches to the replacement's
     * secret once the old one is purged.
     *
     * @param guid the GUID of the token to replace
     * @param sink where the replacement's secret goes
     * @param grace how long both tokens stay valid after the sink returned; {@code Duration.ZERO} for
     *     none
     * @return what was done
     * @throws IllegalArgumentException when {@code grace} is negative
     * @throws io.catalogkit.tokens.RotationException when it failed before the sink stored the secret
     */
    Rotation<ApiToken> rotate(String guid, SecretSink sink, Duration grace);

    /**
     * Rotates a token as {@link #rotate(String, SecretSink)} does, and also makes the replacement
     * an admin or viewer of every asset where the old token is one, before its secret goes to the
     * sink. The impersonation token (of a user who administers those assets, as for {@link
     * #addApiTokenAsAdmin}) finds the assets and saves them.
     *
     * @param guid the old token's GUID; at most 256 characters, no control character, no whitespace at either end
     * @param sink where the replacement's secret goes, before the old token is purged
     * @param impersonationToken a bearer token of a user who administers the old token's assets; visible ASCII, at most 8192 characters (it is sent in a header)
     * @return the rotation
     * @throws NotFoundException when no token has that GUID (nothing is changed)
     * @throws RotationException when a step failed before the sink stored the secret; a grant
     *     already made to the replacement stays in the asset's list after the replacement is purged
     * @throws IllegalArgumentException when an argument breaks its rule above (the message names it;
     *     nothing is sent)
     */
    Rotation<ApiToken> rotate(String guid, SecretSink sink, Secret impersonationToken);
}
