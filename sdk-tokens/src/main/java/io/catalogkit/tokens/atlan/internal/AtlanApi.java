package io.catalogkit.tokens.atlan.internal;

import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.Redactor;
import io.catalogkit.core.internal.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atlan's endpoints (the wire contract's T1 to T4, U1, A1 and A2): the one class that knows their
 * paths, builds each request with its credential (the client's API key, or an impersonation token
 * for the asset calls) and sends it through the transport. Thread-safe and stateless apart from its
 * transport.
 */
final class AtlanApi {
    static final String APIKEYS = "api/service/apikeys";
    static final String CURRENT_USER = "api/service/users/current";
    static final String INDEX_SEARCH = "api/meta/search/indexsearch";
    static final String BULK_SAVE = "api/meta/entity/bulk";
    /** Atlan can take minutes to create a token (atlan-java allows 6). */
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(6);

    private final Transport transport;

    /**
     * Creates the API.
     *
     * @param transport the client's transport, sending the client's API key
     */
    AtlanApi(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * The same API over the same connections, sending another key (a rotation's replacement).
     *
     * @param key the key to send instead of the client's
     * @return the view
     */
    AtlanApi withKey(Secret key) {
        return new AtlanApi(transport.withCredentials(Credentials.bearer(key)));
    }

    /**
     * The client's options (clock, sleeper).
     *
     * @return the options
     */
    ClientOptions options() {
        return transport.options();
    }

    /**
     * The client's redactor, for server text in messages and secrets to hold back.
     *
     * @return the redactor
     */
    Redactor redactor() {
        return transport.redactor();
    }

    /**
     * T2, create an API token; it may take minutes, and is not retried.
     *
     * @param body the token to create
     * @return the answer
     */
    Answer create(AtlanWire.CreateBody body) {
        return transport.exchange(ApiRequest.builder("create API token", "POST")
                .path(APIKEYS)
                .body(body)
                .timeout(CREATE_TIMEOUT)
                .ambiguousFailureHint(AtlanErrors.CREATE_LOOK_UP)
                .hints(AtlanErrors.CREATE)
                .build());
    }

    /**
     * T1, one page of API tokens, newest first, optionally filtered.
     *
     * @param operation what the caller asked for, for messages
     * @param offset the first record
     * @param limit the most records
     * @param filter the {@code filter} parameter ({@link AtlanWire#filter}), or null for all tokens
     * @return the answer
     */
    Answer list(String operation, int offset, int limit, String filter) {
        ApiRequest.Builder request = ApiRequest.builder(operation, "GET")
                .path(APIKEYS)
                .query("limit", Integer.toString(limit))
                .query("offset", Integer.toString(offset))
                .query("sort", "-createdAt")
                .query("count", "true")
                .safeToRetry(true);
        if (filter != null) {
            request.query("filter", filter);
        }
        return transport.exchange(request.build());
    }

    /**
     * T3, replace an API token's name, description and personas. A full replacement: sending it
     * twice gives the same result, so it may be retried.
     *
     * @param operation what the caller asked for, for messages
     * @param guid the token's GUID
     * @param body the complete new values
     * @return the answer
     */
    Answer update(String operation, String guid, AtlanWire.UpdateBody body) {
        return transport.exchange(ApiRequest.builder(operation, "POST")
                .path(APIKEYS)
                .pathParam(guid)
                .body(body)
                .safeToRetry(true)
                .hints(AtlanErrors.update(guid))
                .build());
    }

    /**
     * T4, delete an API token; a replay that finds it gone means an earlier attempt deleted it.
     *
     * @param guid the token's GUID
     * @return the answer
     */
    Answer purge(String guid) {
        return transport.exchange(ApiRequest.builder("purge API token", "DELETE")
                .path(APIKEYS)
                .pathParam(guid)
                .safeToRetry(true)
                .doneIfReplayAnswers(404)
                .hints(AtlanErrors.purge(guid))
                .build());
    }

    /**
     * U1, the user the client's own API key belongs to.
     *
     * @param operation what the caller asked for, for messages
     * @param argument a secret the caller was given (not sent here), which no message may show; or
     *     null
     * @return the answer
     */
    Answer currentUser(String operation, Secret argument) {
        return transport.exchange(
                ApiRequest.builder(operation + ": read the current user with the client's API key", "GET")
                        .path(CURRENT_USER)
                        .safeToRetry(true)
                        .hints(AtlanErrors.CURRENT_USER)
                        .secrets(argument)
                        .build());
    }

    /**
     * A1, index search for one active asset by GUID, with the impersonation token.
     *
     * @param operation what the caller asked for, for messages
     * @param guid the asset's GUID
     * @param attribute the user list to read, {@code adminUsers} or {@code viewerUsers}
     * @param impersonationToken the bearer of a user who may read the asset
     * @return the answer
     */
    Answer findAsset(String operation, String guid, String attribute, Secret impersonationToken) {
        return transport.exchange(ApiRequest.builder(operation + ": find asset with the impersonation token", "POST")
                .path(INDEX_SEARCH)
                .body(AtlanWire.findAsset(guid, attribute))
                .credentials(Credentials.bearer(impersonationToken))
                .secrets(impersonationToken)
                .safeToRetry(true)
                .hints(AtlanErrors.impersonation(guid, "read"))
                .build());
    }

    /**
     * A1, one page of the active assets where a user is in {@code adminUsers} or {@code
     * viewerUsers}, in GUID order.
     *
     * @param username the user
     * @param from the first result
     * @param size the most results
     * @param bearer the bearer to search with, or null for the client's own key
     * @return the answer
     */
    Answer findGrants(String username, int from, int size, Secret bearer) {
        ApiRequest.Builder request = ApiRequest.builder("find assets granted to a user", "POST")
                .path(INDEX_SEARCH)
                .body(AtlanWire.findGrants(username, from, size))
                .safeToRetry(true);
        if (bearer != null) {
            request.credentials(Credentials.bearer(bearer)).secrets(bearer);
        }
        return transport.exchange(request.build());
    }

    /**
     * A2, save one asset's user list with the impersonation token, the asset matched by type and
     * qualified name (a random negative GUID makes Atlas resolve it so). The full list is sent: a
     * replay gives the same result.
     *
     * @param operation what the caller asked for, for messages
     * @param asset the asset as A1 found it
     * @param attribute the user list, {@code adminUsers} or {@code viewerUsers}
     * @param users the complete new list
     * @param guid the asset's GUID, for hints
     * @param impersonationToken the bearer of a user who administers the asset
     * @return the answer
     */
    Answer saveAsset(
            String operation,
            AtlanWire.Asset asset,
            String attribute,
            List<String> users,
            String guid,
            Secret impersonationToken) {
        String placeholder = "-" + ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        return transport.exchange(ApiRequest.builder(operation + ": save asset with the impersonation token", "POST")
                .path(BULK_SAVE)
                .query("replaceTags", "false")
                .query("appendTags", "false")
                .query("replaceBusinessAttributes", "false")
                .query("overwriteBusinessAttributes", "false")
                .body(AtlanWire.saveAsset(
                        asset.typeName(), placeholder, asset.qualifiedName(), asset.name(), attribute, users))
                .credentials(Credentials.bearer(impersonationToken))
                .secrets(impersonationToken)
                .safeToRetry(true)
                .hints(AtlanErrors.impersonation(guid, "change"))
                .build());
    }

    /**
     * The failure of a call that found no API token where one was required, as if T1 had answered
     * 404.
     *
     * @param message what was wrong and what to do
     * @param requestId the request id of the call that showed it, or null
     * @return the exception
     */
    static NotFoundException tokenNotFound(String message, String requestId) {
        return new NotFoundException(message, 404, requestId, null, "GET", "/" + APIKEYS);
    }

    /**
     * The failure of a call that found no asset where one was required, as if A1 had answered 404.
     *
     * @param message what was wrong and what to do
     * @return the exception
     */
    static NotFoundException assetNotFound(String message) {
        return new NotFoundException(message, 404, null, null, "POST", "/" + INDEX_SEARCH);
    }
}
