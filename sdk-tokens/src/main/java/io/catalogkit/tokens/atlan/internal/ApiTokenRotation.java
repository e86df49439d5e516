package io.catalogkit.tokens.atlan.internal;

import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.JwtClaims;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.internal.Rotator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rotates an Atlan API token through the public {@link ApiTokenService}: a replacement with the same
 * name, description, personas and validity, verified with a call made with its secret, granted the
 * old token's admin and viewer assets when an impersonation token is given, handed to the sink, and
 * then the old token purged. Stateless; one instance serves every rotation of a client.
 */
public final class ApiTokenRotation {
    private final ApiTokenService tokens;
    private final AtlanApi api;
    private final AssetAccess assets;
    private final HeldCredential apiKey;

    /**
     * Creates the rotation.
     *
     * @param tokens the client's token service
     * @param api the client's API; a replacement is verified and granted assets through a view of it
     *     that sends the replacement's secret (the same client's connections)
     * @param assets the client's asset access, to find the assets the old token is granted and whom
     *     the client's key belongs to
     * @param apiKey the client's own API key, switched when the rotated token is the client's own
     */
    ApiTokenRotation(ApiTokenService tokens, AtlanApi api, AssetAccess assets, HeldCredential apiKey) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.api = Objects.requireNonNull(api, "api");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /**
     * Rotates a token.
     *
     * @param guid the old token's GUID
     * @param sink where the new secret goes
     * @param impersonationToken a bearer of a user who administers the old token's assets, to grant
     *     them to the replacement; null to only report them
     * @return the rotation
     */
    public Rotation<ApiToken> rotate(String guid, SecretSink sink, Secret impersonationToken, Duration grace) {
        Rotator.requireArguments(guid, "guid", sink);
        Rotator rotator = new Rotator(Platform.ATLAN, "Atlan rotate API token " + guid);
        ApiToken old = rotator.unchangedIfFails("reading the old token", () -> tokens.getByGuid(guid))
                .orElseThrow(() -> AtlanApi.tokenNotFound(
                        "Atlan rotate API token: no API token has GUID " + guid + "; nothing was changed.", null));
        rotator.done("read the old " + describe(old));
        String username = old.getServiceAccountUsername();
        List<AtlanWire.Grant> grants = rotator.unchangedIfFails(
                "finding the assets where " + username + " is an admin or viewer",
                () -> assets.grantsOf(username, impersonationToken));
        rotator.done(
                grants.isEmpty()
                        ? "found no asset where " + username + " is an admin or viewer"
                        : "found " + grants.size() + " asset(s) where " + username + " is an admin or viewer: "
                                + grants.stream().map(ApiTokenRotation::role).collect(Collectors.joining(", ")));
        Rotation<ApiToken> rotation = rotator.replace(
                old,
                new Plan(old, grants, impersonationToken),
                sink,
                grace,
                api.options().sleeper());
        if (grants.isEmpty()) {
            return rotation;
        }
        return rotation.toBuilder()
                .step("Atlan keeps " + username + " in the admin and viewer lists of those assets after the purge;"
                        + " remove it there when convenient")
                .build();
    }

    private final class Plan implements Rotator.Replace<ApiToken> {
        private final ApiToken old;
        private final List<AtlanWire.Grant> grants;
        private final Secret impersonation;
        private final List<String> granted = new ArrayList<>();
        private Secret heldWhenAsked;

        Plan(ApiToken old, List<AtlanWire.Grant> grants, Secret impersonation) {
            this.old = old;
            this.grants = grants;
            this.impersonation = impersonation;
        }

        @Override
        public ApiToken create() {
            return tokens.create(
                    old.getDisplayName(),
                    old.getDescription().orElse(null),
                    old.getPersonaQualifiedNames(),
                    old.getValiditySeconds().orElse(null));
        }

        @Override
        public String describe(ApiToken token) {
            return ApiTokenRotation.describe(token);
        }

        @Override
        public boolean clientIsOld() {
            // From the key's own claims when it is a JWT naming its client (as Atlan's identity server
            // issues them), else by asking Atlan whom the key belongs to.
            heldWhenAsked = apiKey.get();
            Optional<String> client = JwtClaims.of(heldWhenAsked)
                    .flatMap(c -> JwtClaims.text(c, "clientId")
                            .or(() -> JwtClaims.text(c, "azp"))
                            .or(() -> JwtClaims.text(c, "client_id")));
            if (client.isPresent()) {
                return client.get().equals(old.getClientId());
            }
            return old.getServiceAccountUsername().equals(assets.currentUsername("rotate API token", null));
        }

        @Override
        public void switchClient(ApiToken replacement) {
            apiKey.switched(heldWhenAsked, secret(replacement));
        }

        @Override
        public Secret secret(ApiToken replacement) {
            return replacement.getAccessToken().orElseThrow();
        }

        @Override
        public void prepare(ApiToken replacement, Rotator rotator) {
            Secret key = secret(replacement);
            ApiTokenService asReplacement =
                    new ApiTokenServiceImpl(api.withKey(key), HeldCredential.fixed(key, "API key", "Atlan"));
            rotator.doing("verifying the replacement's secret");
            try {
                asReplacement.getByGuid(replacement.getGuid());
            } catch (PermissionDeniedException authenticatedAnyway) {
                // A 403 comes after the key was accepted: the secret works.
            }
            rotator.done("verified the replacement's secret: a call made with it was accepted");
            if (impersonation == null) {
                if (!grants.isEmpty()) {
                    rotator.done("did not grant the replacement the old token's assets (no impersonation token"
                            + " given): add it where needed with addApiTokenAsAdmin/addApiTokenAsViewer, or"
                            + " rotate with an impersonation token");
                }
                return;
            }
            for (AtlanWire.Grant g : grants) {
                if (g.admin()) {
                    rotator.doing("making the replacement an admin of " + g.describe());
                    asReplacement.addApiTokenAsAdmin(g.guid(), impersonation);
                    granted.add("admin of " + g.describe());
                    rotator.done("made the replacement an admin of " + g.describe());
                }
                if (g.viewer()) {
                    rotator.doing("making the replacement a viewer of " + g.describe());
                    asReplacement.addApiTokenAsViewer(g.guid(), impersonation);
                    granted.add("viewer of " + g.describe());
                    rotator.done("made the replacement a viewer of " + g.describe());
                }
            }
        }

        @Override
        public void remove(ApiToken replacement) {
            tokens.purge(replacement.getGuid());
        }

        @Override
        public boolean revokeOld() {
            try {
                tokens.purge(old.getGuid());
                return true;
            } catch (NotFoundException gone) {
                return false;
            }
        }

        @Override
        public String revokeOldAdvice() {
            return "purge the old token with apiTokens().purge(\"" + old.getGuid() + "\") once nothing uses it any more"
                    + grantedNote();
        }

        @Override
        public String strayAdvice() {
            return "List the tokens named '" + old.getDisplayName() + "' and purge any but " + old.getGuid()
                    + " that was created just now.";
        }

        private String grantedNote() {
            return granted.isEmpty() ? "" : " (the replacement is already " + String.join(", ", granted) + ")";
        }
    }

    private static String describe(ApiToken token) {
        return "API token " + token.getGuid() + " ('" + token.getDisplayName() + "')";
    }

    private static String role(AtlanWire.Grant g) {
        return (g.admin() && g.viewer() ? "admin and viewer" : g.admin() ? "admin" : "viewer") + " of " + g.describe();
    }
}
