package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import java.util.Objects;

/**
 * The client's own refresh token and its owner's user id. The value changes when the client
 * regenerates it; every mint reads the current one, and each change starts a new generation, so
 * that a mint can tell whether the value it used died while it was under way. Thread-safe.
 */
public final class RefreshCredential {
    private final long userId;
    private volatile Value value;

    /**
     * One refresh-token value and the generation it belongs to.
     *
     * @param secret the refresh token
     * @param generation 0 for the value the client was built with, then 1, 2... after each
     *     regeneration
     */
    record Value(Secret secret, long generation) {
        @Override
        public String toString() {
            return "Value[generation=" + generation + "]";
        }
    }

    /**
     * Holds a refresh token.
     *
     * @param secret the refresh token
     * @param userId the id of the user who owns it
     */
    public RefreshCredential(Secret secret, long userId) {
        this.value = new Value(Objects.requireNonNull(secret, "refreshToken"), 0);
        this.userId = userId;
    }

    /**
     * The current refresh token.
     *
     * @return the value
     */
    public Secret secret() {
        return value.secret();
    }

    /** The current value and its generation, read together. */
    Value current() {
        return value;
    }

    /**
     * The id of the user who owns the refresh token.
     *
     * @return the user id
     */
    public long userId() {
        return userId;
    }

    /**
     * Switches to a regenerated value, when the regenerated token was this one.
     *
     * @param old the value that was regenerated
     * @param oldUserId the user id it was regenerated for
     * @param fresh the new value
     * @return true when this credential switched
     */
    public synchronized boolean replace(Secret old, long oldUserId, Secret fresh) {
        Value v = value;
        if (oldUserId == userId && v.secret().equals(old)) {
            value = new Value(fresh, v.generation() + 1);
            return true;
        }
        return false;
    }
}
