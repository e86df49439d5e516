package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Every open client in this process that holds a refresh token, so that a rotation can switch all
 * those holding the old value: regeneration kills that value at once. Clients register when built
 * and leave when closed; a client dropped without closing is forgotten with it. Thread-safe.
 */
public final class RefreshTokenHolders {
    private static final Set<ManagedAccessToken> HOLDERS = Collections.newSetFromMap(new WeakHashMap<>());

    private RefreshTokenHolders() {}

    /**
     * Registers a client's managed token.
     *
     * @param holder the managed token
     */
    public static void register(ManagedAccessToken holder) {
        synchronized (HOLDERS) {
            HOLDERS.add(holder);
        }
    }

    /**
     * Forgets a client's managed token, when the client is closed.
     *
     * @param holder the managed token
     */
    public static void unregister(ManagedAccessToken holder) {
        synchronized (HOLDERS) {
            HOLDERS.remove(holder);
        }
    }

    /**
     * Switches every registered client holding the old value to the new one.
     *
     * @param old the regenerated value
     * @param userId its user id
     * @param fresh the new value
     * @return how many open clients hold the new value now
     */
    public static int switchAll(Secret old, long userId, Secret fresh) {
        List<ManagedAccessToken> all;
        synchronized (HOLDERS) {
            all = new ArrayList<>(HOLDERS);
        }
        int holding = 0;
        for (ManagedAccessToken m : all) {
            m.refreshTokenRegenerated(old, userId, fresh);
            if (m.credential().userId() == userId && m.credential().secret().equals(fresh)) {
                holding++;
            }
        }
        return holding;
    }
}
