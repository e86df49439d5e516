package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.HeldCredential;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The refresh token an {@code AlationClient} mints its access tokens from, read from its source and
 * read again when a mint is refused. Its generation counts the values it has held, so that an access
 * token minted from a value that was replaced meanwhile can be told apart. Thread-safe.
 */
public final class RefreshCredential {
    private final HeldCredential held;
    private final long userId;
    private final AtomicLong generation = new AtomicLong();

    /** A value and the generation it belongs to. */
    record Value(Secret secret, long generation) {
        @Override
        public String toString() {
            return "Value[generation=" + generation + "]";
        }
    }

    /**
     * Holds a fixed refresh token.
     *
     * @param secret the refresh token
     * @param userId the user it belongs to
     */
    public RefreshCredential(Secret secret, long userId) {
        this(HeldCredential.fixed(secret, "refresh token", "Alation"), userId);
    }

    /**
     * Holds a refresh token.
     *
     * @param held the refresh token, held from its source
     * @param userId the user it belongs to
     */
    public RefreshCredential(HeldCredential held, long userId) {
        this.held = Objects.requireNonNull(held, "held");
        this.userId = userId;
    }

    /**
     * The refresh token now (read from its source on first use).
     *
     * @return the secret
     */
    public Secret secret() {
        return held.get();
    }

    /**
     * The value held now with its generation.
     *
     * @return the value
     */
    Value current() {
        long g = generation.get();
        return new Value(held.get(), g);
    }

    /**
     * The held credential, for the redactor and messages.
     *
     * @return the held credential
     */
    public HeldCredential held() {
        return held;
    }

    /**
     * The user the token belongs to.
     *
     * @return the user id
     */
    public long userId() {
        return userId;
    }

    /**
     * Replaces the value after this client regenerated it.
     *
     * @param old the value that was regenerated
     * @param oldUserId its user
     * @param fresh the new value
     * @return true when this credential held the old value and now holds the new one
     */
    public boolean replace(Secret old, long oldUserId, Secret fresh) {
        if (oldUserId == userId && held.switched(old, fresh)) {
            generation.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Alation refused {@code sent}: reads the source again (see {@link HeldCredential#refused}).
     *
     * @param sent the refused value
     * @param deadlineNanos when to stop waiting for a new value, in {@link System#nanoTime()}
     * @return the new value, or null when the source still holds the refused one
     */
    Secret refused(Secret sent, long deadlineNanos) {
        Secret fresh = held.refused(sent, deadlineNanos);
        if (fresh != null) {
            generation.incrementAndGet();
        }
        return fresh;
    }
}
