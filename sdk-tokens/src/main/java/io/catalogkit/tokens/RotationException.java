package io.catalogkit.tokens;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation that failed part-way. The message says what failed, which token works now and what to
 * do; {@link #getSteps()} lists what was done before. The cause is the failure itself (an {@link
 * io.catalogkit.core.ApiException}, or whatever the sink threw).
 *
 * <p>Where a step cannot be undone (Alation regenerates in place), {@link #getValidSecret()} holds
 * the only secret that works now, so that it can still be stored; neither the message nor {@code
 * toString()} contains it.
 */
public class RotationException extends CatalogKitException {
    private static final long serialVersionUID = 1L;

    /** The platform of the token. */
    private final Platform platform;

    /** Whether the old token is as it was. */
    private final boolean oldUntouched;

    /** What was done before the failure. */
    private final List<String> steps;

    /** The only secret that works now, or null; never serialized. */
    private final transient Secret validSecret;

    /**
     * Creates the exception.
     *
     * @param platform the platform
     * @param message what failed, which token works now, and what to do
     * @param oldUntouched whether the old token was left as it was
     * @param steps what was done before the failure
     * @param validSecret the only secret that works now, when the rotation could not keep the old
     *     one, or null
     * @param cause the failure
     */
    public RotationException(
            Platform platform,
            String message,
            boolean oldUntouched,
            List<String> steps,
            Secret validSecret,
            Throwable cause) {
        super(message, cause);
        this.platform = Objects.requireNonNull(platform, "platform");
        this.oldUntouched = oldUntouched;
        this.steps = List.copyOf(steps);
        this.validSecret = validSecret;
    }

    /**
     * The platform of the token.
     *
     * @return the platform
     */
    public Platform getPlatform() {
        return platform;
    }

    /**
     * Whether the old token is as it was before the rotation (and still works, if it did).
     *
     * @return true when the old token was not touched
     */
    public boolean isOldUntouched() {
        return oldUntouched;
    }

    /**
     * What was done before the failure, in order; no secrets.
     *
     * @return the steps
     */
    public List<String> getSteps() {
        return steps;
    }

    /**
     * The only secret that works now, when the old one is gone and the sink did not store the new
     * one: store it before the process ends.
     *
     * @return the secret, or empty when the old token is untouched
     */
    public Optional<Secret> getValidSecret() {
        return Optional.ofNullable(validSecret);
    }
}
