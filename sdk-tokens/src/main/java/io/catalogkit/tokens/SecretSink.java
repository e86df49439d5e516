package io.catalogkit.tokens;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.internal.Sinks;
import java.nio.file.Path;

/**
 * Where a rotated secret goes: a vault, a Kubernetes secret, a file. A rotation calls it once, with
 * the replacement's secret, before it revokes the old token; if it throws, the rotation treats the
 * secret as not stored.
 *
 * <p>The sinks made here name their destination (the path, the command) in {@code toString()} and
 * in every message, never the secret.
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

    /**
     * A file that ends up holding the secret alone, with no trailing line break, as {@link
     * io.catalogkit.core.CredentialSource#fromFile(Path)} reads it. The secret is written to a new
     * temporary file in the same directory (created owner read/write only where the file system has
     * POSIX permissions), forced to disk, then moved over the target atomically, so a reader sees
     * the old value or the new one, never a part; the directory is then forced to disk where the
     * platform allows. Where the file system cannot move atomically, the move replaces the target
     * non-atomically. A symbolic link at the path is replaced by the file, not followed. On any
     * failure the temporary file is deleted and the exception names the path.
     *
     * <p>A mounted Kubernetes secret volume is read-only: store there with {@link
     * #toCommand(String...)} (e.g. {@code kubectl}), and read through the mounted file.
     *
     * @param path the file to replace (its directory must exist and be writable)
     * @return the sink
     */
    static SecretSink toFile(Path path) {
        return Sinks.toFile(path);
    }

    /**
     * A helper program (kubectl, vault, aws) given the secret on its standard input, which is then
     * closed. It runs without a shell (the first element is the program, the others its
     * arguments), and the secret counts as stored when it exits with status 0 within 30 seconds
     * having read its standard input. Its output and error output are never shown; a non-zero exit
     * or a timeout (the program and those it started are then stopped) is an exception naming the
     * command and its exit status.
     *
     * @param command the program and its arguments, e.g. {@code "sh", "-c", "vault kv put
     *     secret/app key=-"}
     * @return the sink
     */
    static SecretSink toCommand(String... command) {
        return Sinks.toCommand(command);
    }
}
