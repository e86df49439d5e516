package io.catalogkit.tokens;

import java.util.List;
import lombok.Builder;
import lombok.NonNull;
import lombok.Singular;
import lombok.Value;

/**
 * The result of rotating a token: the old one, its replacement (with the secret, as create
 * answers), whether the old one is revoked, and what was done. Immutable; {@code toString()} shows
 * secrets redacted.
 *
 * <p>When {@code isOldRevoked()} is false, the replacement is in the sink and works, but the old
 * token still works too: {@code getSteps()} says why and what to do.
 *
 * @param <T> the token type
 */
@Value
@Builder(toBuilder = true)
public class Rotation<T> {
    /** The token as it was before the rotation. */
    @NonNull
    T old;

    /** The new token, with its secret. */
    @NonNull
    T replacement;

    /** Whether the old token no longer works. */
    boolean oldRevoked;

    /** What was done, in order; no secrets. */
    @Singular
    List<String> steps;

    // Written out (Lombok would generate the same) so that javadoc, which reads this source without
    // Lombok, sees no public default constructor: the builder is the only way to make one.
    private Rotation(@NonNull T old, @NonNull T replacement, boolean oldRevoked, List<String> steps) {
        this.old = old;
        this.replacement = replacement;
        this.oldRevoked = oldRevoked;
        this.steps = steps;
    }
}
