package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import java.util.Objects;

/**
 * The client's own refresh token and its owner's user id. The value changes when the client
 * regenerates it; every mint reads the current one. Thread-safe.
 */
public final class RefreshCredential {
    private final long userId;
    private volatile Secret secret;

    /**
     * Holds a refresh token.
     *
     * @param secret the refresh token
     * @param userId the id of the user who owns it
     */
    public RefreshCredential(Secret secret, long userId) {
        this.secret = Objects.requireNonNull(secret, "refreshToken");
        this.userId = userId;
    }

    /**
     * The current refresh token.
     *
     * @return the value
     */
    public Secret secret() {
        return secret;
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
        if (oldUserId == userId && secret.equals(old)) {
            secret = fresh;
            return true;
        }
        return false;
    }
}
