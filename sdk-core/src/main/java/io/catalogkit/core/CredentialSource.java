package io.catalogkit.core;

import io.catalogkit.core.internal.Stores;
import java.nio.file.Path;

/**
 * Where a client reads its credential: a fixed value, an environment variable, a file (a mounted
 * Kubernetes secret) or a helper program (Vault, a cloud secrets manager). A client reads its source
 * when a call first needs the credential and keeps the value; when the platform refuses that value,
 * it reads the source again, once for all the threads refused together, and sends the refused
 * request once more if the value changed. So every process of a fleet that shares one credential
 * follows a rotation made by any of them.
 *
 * <p>The sources made here name their store in {@code toString()} and in every message (the path,
 * the variable or the command), never the value. A source of your own is a lambda returning the
 * current value; it is read again after every refusal.
 */
@FunctionalInterface
public interface CredentialSource {
    /**
     * The value the store holds now. May block briefly (a file read, a helper program).
     *
     * @return the current value
     * @throws Exception when the store cannot be read; the client reports it as a {@link
     *     CatalogKitException} naming the store
     */
    Secret get() throws Exception;

    /**
     * A fixed value: never read again, so a refusal fails at once.
     *
     * @param value the credential
     * @return the source
     */
    static CredentialSource of(Secret value) {
        return Stores.fixed(value);
    }

    /**
     * An environment variable, read once (a process's environment does not change).
     *
     * @param variable the variable's name
     * @return the source; reading it fails, naming the variable, when it is unset or blank
     */
    static CredentialSource fromEnv(String variable) {
        return Stores.env(variable);
    }

    /**
     * A file's text, less one trailing line break ({@code \n} or {@code \r\n}), read again on every
     * {@link #get()}. Symbolic links are followed on every read, so a Kubernetes secret volume,
     * which swaps its {@code ..data} link, is seen at once.
     *
     * @param path the file
     * @return the source; reading it fails, naming the path, when the file is missing, unreadable or
     *     blank
     */
    static CredentialSource fromFile(Path path) {
        return Stores.file(path);
    }

    /**
     * A helper program's standard output, less one trailing line break, as AWS's {@code
     * credential_process} and kubectl's exec plugins work. The program runs without a shell (the
     * first element is the program, the others its arguments), with no standard input, bounded in
     * time (30 seconds); its output and error output are never shown, and a non-zero exit is an
     * error naming the command and its exit status.
     *
     * @param command the program and its arguments
     * @return the source
     */
    static CredentialSource fromCommand(String... command) {
        return Stores.command(command);
    }
}
