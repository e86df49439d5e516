package io.catalogkit.tokens.datahub.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.Sleeper;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rotates a DataHub access token through the public {@link DataHubTokenService}: finds the old
 * token in the list (every token for an admin, the caller's own otherwise), creates a replacement
 * for the same actor with the same name and description, verifies it with a call made with it,
 * hands it to the sink, and revokes the old one. Stateless.
 */
public final class AccessTokenRotation {
    /** Tokens per page while looking for the old one. */
    static final int PAGE_SIZE = 100;

    private final DataHubTokenService tokens;
    private final Supplier<Optional<String>> callerUrn;
    private final HeldCredential clientToken;
    private final Sleeper sleeper;
    private final Function<Secret, DataHubClient> asToken;

    /**
     * Creates the rotation.
     *
     * @param tokens the client's token service
     * @param callerUrn the urn the client's own token acts as, if known
     * @param asToken a client like this one that authenticates with another token (closed after use)
     */
    public AccessTokenRotation(
            DataHubTokenService tokens,
            Supplier<Optional<String>> callerUrn,
            Function<Secret, DataHubClient> asToken,
            HeldCredential clientToken,
            Sleeper sleeper) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.callerUrn = Objects.requireNonNull(callerUrn, "callerUrn");
        this.clientToken = Objects.requireNonNull(clientToken, "clientToken");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.asToken = Objects.requireNonNull(asToken, "asToken");
    }

    /**
     * Rotates a token.
     *
     * @param tokenId the old token's id
     * @param duration how long the replacement lives
     * @param sink where the new secret goes
     * @return the rotation
     */
    public Rotation<AccessToken> rotate(String tokenId, AccessTokenDuration duration, SecretSink sink, Duration grace) {
        Rotator.requireArguments(tokenId, "tokenId", sink);
        Args.notNull(duration, "duration");
        Rotator rotator = new Rotator(Platform.DATAHUB, "DataHub rotate access token " + tokenId);
        AccessToken old = rotator.unchangedIfFails("looking up the old token", () -> find(tokenId))
                .orElseThrow(() -> new NotFoundException(
                        "DataHub rotate access token: no token with id " + tokenId + " is listed for this client ("
                                + callerUrn
                                        .get()
                                        .map(u -> "every token if an admin, else those owned by " + u)
                                        .orElse("every token")
                                + "); nothing was changed.",
                        404,
                        null,
                        null,
                        "POST",
                        "/api/graphql"));
        rotator.done("found the old " + describe(old));
        return rotator.replace(old, new Plan(old, duration), sink, grace, sleeper);
    }

    private Optional<AccessToken> find(String tokenId) {
        Page<AccessToken> first;
        try {
            first = tokens.list(0, PAGE_SIZE, null);
        } catch (PermissionDeniedException notAdmin) {
            Optional<String> caller = callerUrn.get();
            if (caller.isEmpty()) {
                throw notAdmin;
            }
            first = tokens.list(0, PAGE_SIZE, caller.get());
        }
        return first.autoPager()
                .filter(t -> tokenId.equals(t.getId().orElse(null)))
                .findFirst();
    }

    private final class Plan implements Rotator.Replace<AccessToken> {
        private final AccessToken old;
        private final AccessTokenDuration duration;
        private final String actor;
        private Secret heldWhenAsked;

        Plan(AccessToken old, AccessTokenDuration duration) {
            this.old = old;
            this.duration = duration;
            this.actor = old.getActor()
                    .orElseThrow(() -> new CatalogKitException("DataHub rotate access token: the server listed "
                            + old.getId().orElse("the token") + " without the actor it acts as; nothing was changed"));
        }

        @Override
        public AccessToken create() {
            return tokens.create(
                    actor,
                    duration,
                    old.getName().orElse("rotated"),
                    old.getDescription().orElse(null));
        }

        @Override
        public String describe(AccessToken token) {
            return AccessTokenRotation.describe(token);
        }

        @Override
        public Secret secret(AccessToken replacement) {
            return replacement.getSecret().orElseThrow();
        }

        @Override
        public void prepare(AccessToken replacement, Rotator rotator) {
            rotator.doing("checking that the server returned the replacement's id");
            if (replacement.getId().isEmpty()) {
                throw new CatalogKitException(
                        "DataHub returned the replacement without its id, which revoking" + " it would need");
            }
            rotator.doing("verifying the replacement's secret");
            try (DataHubClient asReplacement = asToken.apply(secret(replacement))) {
                asReplacement.accessTokens().list(0, 1, actor);
            } catch (PermissionDeniedException authenticatedAnyway) {
                // DataHub checks privileges after it accepted the token: the secret works.
            }
            rotator.done("verified the replacement's secret: a call made with it was accepted");
        }

        @Override
        public void remove(AccessToken replacement) {
            String id = replacement
                    .getId()
                    .orElseThrow(() -> new CatalogKitException("its id is unknown: list the tokens of " + actor
                            + " named '" + replacement.getName().orElse("") + "' and revoke the newest"));
            tokens.revoke(id);
        }

        @Override
        public boolean clientIsOld() {
            // From the held token's own claims where they tell, without a call: a token's id is a salted
            // hash only the server can compute, and reading a token's metadata needs the admin privilege.
            // The held token is the old one when it acts as the same actor and expires at the same second.
            heldWhenAsked = clientToken.get();
            Optional<Jwt.Claims> claims = Jwt.decode(heldWhenAsked);
            if (claims.isEmpty()
                    || old.getActor().isEmpty()
                    || !claims.get().actorId().map(id -> Jwt.CORP_USER + id).equals(old.getActor())) {
                return false;
            }
            // Two tokens of one actor that never expire look alike from outside: then the client keeps
            // its token (a fleet reading a store follows the rotation through the store anyway).
            return claims.get().expiresAt().isPresent()
                    && old.getExpiresAt().isPresent()
                    && claims.get().expiresAt().get().getEpochSecond()
                            == old.getExpiresAt().get().getEpochSecond();
        }

        @Override
        public void switchClient(AccessToken replacement) {
            clientToken.switched(heldWhenAsked, secret(replacement));
        }

        @Override
        public boolean revokeOld() {
            return tokens.revoke(old.getId().orElseThrow());
        }

        @Override
        public String revokeOldAdvice() {
            return "revoke the old token with accessTokens().revoke(\""
                    + old.getId().orElseThrow() + "\") once nothing uses it any more";
        }

        @Override
        public String strayAdvice() {
            return "List the tokens of " + actor + " named '" + old.getName().orElse("") + "' and revoke any but "
                    + old.getId().orElseThrow() + " that was created just now.";
        }
    }

    private static String describe(AccessToken token) {
        return "access token " + token.getId().orElse("(id unknown)") + " ('"
                + token.getName().orElse("") + "', acting as "
                + token.getActor().orElse("?") + ")";
    }
}
