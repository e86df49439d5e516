package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import io.catalogkit.tokens.internal.Hints;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** {@link DataHubTokenService} over DataHub's GraphQL API. Thread-safe. */
public final class DataHubTokenServiceImpl implements DataHubTokenService {
    private static final String CREATE_FORBIDDEN = "Creating a token needs the " + DataHubErrors.GENERATE
            + " privilege when actorUrn is the caller itself, and " + DataHubErrors.MANAGE + " for anyone else.";

    private final DataHubApi api;
    private final AccessTokenCalls calls;
    private final AccessTokenRotation rotation;

    /**
     * Creates the service.
     *
     * @param api the API, with the token the service acts with
     */
    public DataHubTokenServiceImpl(DataHubApi api) {
        this.api = Objects.requireNonNull(api, "api");
        this.calls = new AccessTokenCalls(api);
        this.rotation = new AccessTokenRotation(
                this, api::callerUrn, token -> new DataHubTokenServiceImpl(api.as(token)), api.token(), api.sleeper());
    }

    @Override
    public AccessToken create(String actorUrn, AccessTokenDuration duration, String name, String description) {
        Args.urn(actorUrn, Jwt.CORP_USER, "actorUrn");
        Args.notNull(duration, "duration");
        Args.line(name, Args.MAX_NAME, "name");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        return calls.create("PERSONAL", actorUrn, duration, name, description, "create access token", CREATE_FORBIDDEN);
    }

    @Override
    public AccessToken create(String actorUrn, Duration lifetime, String name, String description) {
        Args.urn(actorUrn, Jwt.CORP_USER, "actorUrn");
        Args.notNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        Args.line(name, Args.MAX_NAME, "name");
        Args.text(description, Args.MAX_DESCRIPTION, "description");
        String iso = DataHubWire.iso(lifetime);
        DataHubWire.CreateAccessTokenInput input =
                new DataHubWire.CreateAccessTokenInput("PERSONAL", actorUrn, null, name, description, iso);
        ApiRequest.ErrorHints base = api.hints(CREATE_FORBIDDEN, null);
        String refused = "The server refused the lifetime " + iso + ": its message lists the lifetimes it allows"
                + " (ACCESS_TOKEN_ALLOWED_DURATIONS; never-expiring tokens need ACCESS_TOKEN_ALLOW_NO_EXPIRY=true).";
        try {
            return calls.create(
                    DataHubApi.request(
                                    "create access token",
                                    DataHubApi.CREATE,
                                    DataHubApi.CREATE_OPERATION,
                                    new DataHubWire.InputVariables(input))
                            .hints(Hints.mayHaveActed(
                                    (status, code) -> status == 400 && !DataHubErrors.VALIDATION_ERROR.equals(code)
                                            ? refused
                                            : base.hint(status, code),
                                    DataHubErrors.CREATED_MAYBE)),
                    actorUrn,
                    name,
                    description);
        } catch (ApiException e) {
            if (!DataHubErrors.rejectsDurationIso(e)) {
                throw e;
            }
            throw DataHubErrors.restate(
                    e,
                    "DataHub create access token: this DataHub server takes no ISO-8601 lifetime (durationIso, added"
                            + " after Core 1.4): use create(actorUrn, AccessTokenDuration." + nearest(lifetime)
                            + ", name, description) instead.");
        }
    }

    /** The {@link AccessTokenDuration} closest to a lifetime (ties to the longer). */
    static AccessTokenDuration nearest(Duration lifetime) {
        AccessTokenDuration best = null;
        long bestGap = Long.MAX_VALUE;
        for (AccessTokenDuration d : AccessTokenDuration.values()) {
            if (d.lifetime().isEmpty()) {
                continue;
            }
            long gap = Math.abs(d.lifetime().get().minus(lifetime).toSeconds());
            if (gap <= bestGap) {
                best = d;
                bestGap = gap;
            }
        }
        return best;
    }

    @Override
    public Page<AccessToken> list(int start, int count, String ownerUrn) {
        Args.page(start, "start", count, "count", Page.MAX_SIZE);
        if (ownerUrn != null && ownerUrn.isBlank()) {
            throw new IllegalArgumentException(
                    "ownerUrn must not be blank: pass the owner's urn, or null to list every token (admins only)");
        }
        if (ownerUrn != null) {
            Args.urn(ownerUrn, Jwt.CORP_USER, "ownerUrn");
        }
        List<DataHubWire.FacetFilterInput> filters =
                ownerUrn == null ? null : List.of(new DataHubWire.FacetFilterInput("ownerUrn", List.of(ownerUrn)));
        String denied = ownerUrn != null
                ? "Listing a user's tokens needs the " + DataHubErrors.GENERATE
                        + " privilege when ownerUrn is the caller itself, and " + DataHubErrors.MANAGE
                        + " for anyone else."
                : "Listing every token (ownerUrn null) needs the " + DataHubErrors.MANAGE + " privilege; to list your"
                        + " own tokens pass your own urn: list(" + start + ", " + count + ", \""
                        + api.callerUrn().orElse(Jwt.CORP_USER + "<your user id>") + "\").";
        return calls.list(DataHubApi.LIST, start, count, filters, "list access tokens", denied);
    }

    @Override
    public boolean revoke(String tokenId) {
        // before the length check: a real token (a JWT of about 290 characters) is longer than any id
        if (tokenId != null && tokenId.startsWith("eyJ")) {
            throw new IllegalArgumentException("tokenId looks like a token value (a JWT), not a token id: pass the"
                    + " id from AccessToken.getId() (as create() or list() return it), never the token itself");
        }
        Args.id(tokenId, "tokenId");
        ApiRequest request = DataHubApi.request(
                        "revoke access token",
                        DataHubApi.REVOKE,
                        DataHubApi.REVOKE_OPERATION,
                        new DataHubWire.TokenIdVariables(tokenId))
                .safeToRetry(false)
                .hints(Hints.mayHaveActed(
                        api.hints(
                                "Revoking needs " + DataHubErrors.MANAGE + ", or owning the token; an owner's second"
                                        + " revoke of a token that is already gone also answers this.",
                                null),
                        DataHubErrors.REVOKED_MAYBE))
                .ambiguousFailureHint(DataHubErrors.REVOKED_MAYBE)
                .build();
        DataHubApi.Result answer = api.send(request);
        if (!answer.errors().isEmpty()) {
            if (DataHubErrors.saysNoLongerExists(answer.errors().get(0))) {
                return false;
            }
            throw DataHubErrors.fail(answer, false);
        }
        JsonNode revoked = answer.field(DataHubApi.REVOKE_OPERATION);
        if (revoked == null || !revoked.isBoolean()) {
            throw answer.malformed("data.revokeAccessToken as a boolean");
        }
        return revoked.booleanValue();
    }

    @Override
    public AccessToken getMetadata(Secret token) {
        Args.secret(token, "token");
        ApiRequest request = DataHubApi.request(
                        "get access token metadata",
                        DataHubApi.GET_METADATA,
                        DataHubApi.GET_METADATA_OPERATION,
                        new DataHubWire.TokenVariables(token.reveal()))
                .secrets(token)
                .safeToRetry(true)
                .hints(api.hints(
                        "Reading a raw token's metadata needs the " + DataHubErrors.MANAGE + " privilege.",
                        "DataHub holds no such token: it is unknown to this server, revoked, or expired."))
                .build();
        DataHubApi.Result answer;
        try {
            answer = api.send(request);
        } catch (ServerException e) {
            throw DataHubErrors.missingTokenCrash(e).orElseThrow(() -> e);
        }
        if (!answer.errors().isEmpty()) {
            throw DataHubErrors.fail(answer, true);
        }
        DataHubWire.TokenMetadata m = DataHubWire.metadata(
                answer::malformed, answer.field(DataHubApi.GET_METADATA_OPERATION), "data.getAccessTokenMetadata");
        if (m == null || m.id() == null || m.id().isBlank()) {
            throw answer.malformed("data.getAccessTokenMetadata with an id");
        }
        return DataHubWire.toModel(m, null, api.clock().instant());
    }

    @Override
    public Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink) {
        return rotation.rotate(tokenId, duration, sink, Duration.ZERO);
    }

    @Override
    public Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink, Duration grace) {
        return rotation.rotate(tokenId, duration, sink, Rotator.checkGrace(grace));
    }
}
