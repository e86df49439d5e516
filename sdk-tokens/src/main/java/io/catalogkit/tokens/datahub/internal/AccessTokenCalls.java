package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.internal.Hints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-token calls both services make: create a token acting as an actor (a user's personal
 * token, a service account's token) and list the tokens matching filters. The arguments are checked
 * by the caller. Thread-safe.
 */
final class AccessTokenCalls {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.tokens.datahub");

    private final DataHubApi api;

    /**
     * Creates the calls.
     *
     * @param api the API they go through
     */
    AccessTokenCalls(DataHubApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * Creates a token of a type with an {@code AccessTokenDuration}, valid on every server.
     *
     * @param type an {@code AccessTokenType} name
     * @param actorUrn whom it acts as
     * @param duration how long it lives
     * @param name its name
     * @param description its description, or null
     * @param operation what the call does, for messages
     * @param forbidden the hint on a 403
     * @return the token, with its secret
     */
    AccessToken create(
            String type,
            String actorUrn,
            AccessTokenDuration duration,
            String name,
            String description,
            String operation,
            String forbidden) {
        DataHubWire.CreateAccessTokenInput input =
                new DataHubWire.CreateAccessTokenInput(type, actorUrn, duration.name(), name, description);
        return create(
                DataHubApi.request(
                                operation,
                                DataHubApi.CREATE,
                                DataHubApi.CREATE_OPERATION,
                                new DataHubWire.InputVariables(input))
                        .hints(Hints.mayHaveActed(api.hints(forbidden, null), DataHubErrors.CREATED_MAYBE)),
                actorUrn,
                name,
                description);
    }

    /**
     * Sends a create, never repeated, and reads the new token, keeping its secret whatever else is
     * wrong with the answer.
     *
     * @param builder the request, of {@link DataHubApi#CREATE}
     * @param actorUrn whom the token acts as
     * @param name its name
     * @param description its description, or null
     * @return the token, with its secret
     */
    AccessToken create(ApiRequest.Builder builder, String actorUrn, String name, String description) {
        ApiRequest request = builder.safeToRetry(false)
                .ambiguousFailureHint(DataHubErrors.CREATED_MAYBE)
                .build();
        DataHubApi.Result answer = api.send(request);
        JsonNode created = answer.field(DataHubApi.CREATE_OPERATION);
        JsonNode value = created == null ? null : created.get("accessToken");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            if (!answer.errors().isEmpty()) {
                throw DataHubErrors.fail(answer, false);
            }
            throw answer.malformed("data.createAccessToken.accessToken (the new token)");
        }
        // A live token came back: never throw it away, whatever else is wrong with the answer.
        Secret secret = Secret.of(value.asText());
        // Held before anything else is read: a message about the rest of this answer must not show it.
        api.holdRecent(secret);
        DataHubWire.TokenMetadata metadata = null;
        try {
            metadata =
                    DataHubWire.metadata(answer::malformed, created.get("metadata"), "data.createAccessToken.metadata");
        } catch (MalformedResponseException e) {
            LOG.warn("DataHub create access token: the metadata of the new token did not fit: {}", e.getMessage());
        }
        if (metadata == null || isBlank(metadata.id())) {
            LOG.warn(
                    "DataHub create access token: the server returned the new token without its metadata{};"
                            + " its id is unknown until it shows up in list()",
                    answer.errors().isEmpty() ? "" : " and with errors");
            return AccessToken.builder()
                    .secret(secret)
                    .name(name)
                    .description(description)
                    .actor(actorUrn)
                    .status(TokenStatus.ACTIVE)
                    .build();
        }
        if (!answer.errors().isEmpty()) {
            LOG.warn("DataHub create access token: the server reported errors along with the new token; kept it");
        }
        return DataHubWire.toModel(metadata, secret, api.clock().instant());
    }

    /**
     * Lists tokens matching filters, repeating the read while DataHub's index catches up.
     *
     * @param document {@link DataHubApi#LIST} or another document of its shape
     * @param start the offset
     * @param count the page size
     * @param filters the filters, or null for none
     * @param operation what the call does, for messages
     * @param forbidden the hint on a 403
     * @return the first page; later pages use the same filters
     */
    Page<AccessToken> list(
            String document,
            int start,
            int count,
            List<DataHubWire.FacetFilterInput> filters,
            String operation,
            String forbidden) {
        ApiRequest request = DataHubApi.request(
                        operation,
                        document,
                        DataHubApi.LIST_OPERATION,
                        new DataHubWire.InputVariables(new DataHubWire.ListAccessTokenInput(start, count, filters)))
                .safeToRetry(true)
                .retryIfAnswer(DataHubErrors::indexCatchingUp)
                .hints(api.hints(forbidden, null))
                .build();
        DataHubApi.Result answer = api.sendOrFail(request);
        JsonNode result = answer.field(DataHubApi.LIST_OPERATION);
        Integer total = Json.intValue(Json.field(result, "total"));
        JsonNode tokens = Json.field(result, "tokens");
        if (total == null || tokens == null || !tokens.isArray()) {
            throw answer.malformed("data.listAccessTokens with total and tokens");
        }
        if (total < 0) {
            LOG.warn("DataHub list access tokens: the answer's total is negative; the page is refused");
            throw answer.malformed("data.listAccessTokens.total of 0 or more (it was negative)");
        }
        List<AccessToken> items = new ArrayList<>(tokens.size());
        for (JsonNode t : tokens) {
            DataHubWire.TokenMetadata m = DataHubWire.metadata(answer::malformed, t, "data.listAccessTokens.tokens");
            if (m == null || isBlank(m.id())) {
                throw answer.malformed("data.listAccessTokens.tokens with an id each");
            }
            items.add(DataHubWire.toModel(m, null, api.clock().instant()));
        }
        // Page on total with the size asked for (DataHub echoes count); stop on an empty page.
        boolean more =
                !items.isEmpty() && (long) start + count < total && (long) start + count + count <= Integer.MAX_VALUE;
        return Page.of(
                items, total, more ? () -> list(document, start + count, count, filters, operation, forbidden) : null);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
