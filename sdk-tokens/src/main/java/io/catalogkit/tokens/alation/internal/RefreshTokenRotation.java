package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Args;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.RefreshTokenService;
import io.catalogkit.tokens.internal.Rotator;
import java.util.Objects;

/**
 * Rotates an Alation refresh token through the public {@link RefreshTokenService}: validates it,
 * regenerates it (Alation invalidates the old value at once, so this cannot be undone), switches
 * the client that runs it when it held the old value, and hands the new value to the sink; other
 * clients see the new value through their credential source. Stateless.
 */
public final class RefreshTokenRotation {
    private final RefreshTokenService tokens;
    private final ManagedAccessToken own;

    /**
     * Creates the rotation.
     *
     * @param tokens the client's refresh token service
     */
    public RefreshTokenRotation(RefreshTokenService tokens, ManagedAccessToken own) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.own = own;
    }

    /**
     * Rotates a refresh token.
     *
     * @param refreshToken the current value
     * @param userId the id of the user who owns it
     * @param sink where the new value goes
     * @return the rotation
     */
    public Rotation<RefreshToken> rotate(Secret refreshToken, long userId, SecretSink sink) {
        Args.headerSafe(refreshToken, "refreshToken");
        AlationWire.checkUserId(userId);
        Args.notNull(sink, "sink");
        Rotator rotator = new Rotator(Platform.ALATION, "Alation rotate refresh token of user " + userId);
        RefreshToken old = rotator.unchangedIfFails("validating the old refresh token", () -> {
            RefreshToken state = tokens.validate(refreshToken, userId);
            if (state.getStatus() != TokenStatus.ACTIVE) {
                throw new CatalogKitException("Alation reports the refresh token as " + state.getStatus()
                        + "; it cannot be regenerated: create a new refresh token instead");
            }
            return state;
        });
        String name = "refresh token '" + old.getName() + "' of user " + userId;
        rotator.done("validated the old " + name + " (" + old.getStatus() + ", expires "
                + old.getExpiresAt().map(Object::toString).orElse("(not said)") + ")");
        rotator.doing("regenerating the " + name);
        RefreshToken replacement;
        try {
            replacement = tokens.regenerate(refreshToken, userId);
        } catch (RuntimeException e) {
            if (!Rotator.mayHaveActed(e)) {
                throw rotator.unchanged(e);
            }
            throw rotator.fail(
                    "regenerating the " + name + " failed without a clear answer: Alation may have regenerated it,"
                            + " which kills the old value, and the new value is lost. Validate the old value: if it"
                            + " still works it is the valid one; if not, no value is known any more: create a new"
                            + " refresh token.",
                    false,
                    null,
                    e);
        }
        Secret fresh = replacement.getSecret().orElseThrow();
        rotator.done("regenerated the " + name + ": Alation invalidated the old value at once");
        boolean holding = own != null
                && own.credential() != null
                && own.credential().userId() == userId
                && fresh.equals(own.credential().held().peek());
        rotator.done((holding
                        ? "this client held the old value and now holds the new one; it mints new access tokens as"
                                + " needed."
                        : "this client does not mint from this refresh token.")
                + " Other clients and processes pick the new value up from their credential store (a file,"
                + " a command) once the sink has stored it. Access tokens minted from the old value work until"
                + " they expire or are revoked.");
        try {
            rotator.store(sink, fresh);
        } catch (Exception e) {
            throw rotator.fail(
                    "the sink did not store the new value of the " + name + ". The old value no longer works; the"
                            + " new value is the only valid one, held by " + (holding ? "this client and " : "")
                            + "this exception (getValidSecret()): store it from there before the process ends, or"
                            + " create a new refresh token.",
                    false,
                    fresh,
                    e);
        }
        return Rotation.<RefreshToken>builder()
                .old(old)
                .replacement(replacement)
                .oldRevoked(true)
                .steps(rotator.steps())
                .build();
    }
}
