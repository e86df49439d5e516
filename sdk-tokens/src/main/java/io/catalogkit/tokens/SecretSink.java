package io.catalogkit.tokens;

import io.catalogkit.core.Secret;

/**
 * Where a rotated secret goes: a vault, a Kubernetes secret, a file. A rotation calls it once, with
 * the replacement's secret, before it revokes the old token; if it throws, the rotation treats the
 * secret as not stored.
 */
@FunctionalInterface
public interface SecretSink {
    /**
     * Stores a secret durably; returns only once it is stored.
     *
     * @param secret the replacement's secret
     * @throws Exception when it could not be stored
     */
    void store(Secret secret) throws Exception;
}
