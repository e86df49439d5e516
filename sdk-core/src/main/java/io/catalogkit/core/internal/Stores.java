package io.catalogkit.core.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The credential sources {@link CredentialSource}'s factories make. Each is a {@link Store}: it names
 * its store for messages and says whether it can ever hold another value.
 */
public final class Stores {
    private Stores() {}

    /**
     * A source that names its store and says whether reading it again can give another value.
     */
    public interface Store extends CredentialSource {
        /**
         * The store, for messages: {@code "the file /run/secrets/key"}, never the value.
         *
         * @return the store's name
         */
        String storeName();

        /**
         * Whether the store can never change: a client does not read it again after a refusal.
         *
         * @return true for a fixed value or an environment variable
         */
        boolean fixed();
    }

    /**
     * The store's name for a message, for any source.
     *
     * @param source the source
     * @return its name, or a generic one for a source of the caller's own
     */
    public static String nameOf(CredentialSource source) {
        return source instanceof Store s ? s.storeName() : "the CredentialSource given to the builder";
    }

    /**
     * Whether a source can never give another value.
     *
     * @param source the source
     * @return true when it is fixed
     */
    public static boolean isFixed(CredentialSource source) {
        return source instanceof Store s && s.fixed();
    }

    /**
     * A fixed value.
     *
     * @param value the value
     * @return the source
     */
    public static Store fixed(Secret value) {
        Objects.requireNonNull(value, "value");
        return new Store() {
            @Override
            public Secret get() {
                return value;
            }

            @Override
            public String storeName() {
                return "the credential given to the builder";
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public String toString() {
                return "CredentialSource[fixed]";
            }
        };
    }

    /**
     * An environment variable, read once.
     *
     * @param variable the name
     * @return the source
     */
    public static Store env(String variable) {
        Objects.requireNonNull(variable, "variable");
        if (variable.isBlank()) {
            throw new IllegalArgumentException("variable must not be blank");
        }
        return new Store() {
            private volatile Secret value;

            @Override
            public Secret get() {
                Secret v = value;
                if (v == null) {
                    String raw = System.getenv(variable);
                    if (raw == null || raw.isBlank()) {
                        throw new CatalogKitException("The environment variable " + variable + " is not set");
                    }
                    v = Secret.of(raw.trim());
                    value = v;
                }
                return v;
            }

            @Override
            public String storeName() {
                return "the environment variable " + variable;
            }

            @Override
            public boolean fixed() {
                return true;
            }

            @Override
            public String toString() {
                return "CredentialSource[env " + variable + "]";
            }
        };
    }

    /**
     * A file, read on every get. (Being written.)
     *
     * @param path the file
     * @return the source
     */
    public static Store file(Path path) {
        throw new UnsupportedOperationException("fromFile: not yet");
    }

    /**
     * A helper program's output. (Being written.)
     *
     * @param command the program and its arguments
     * @return the source
     */
    public static Store command(String... command) {
        throw new UnsupportedOperationException("fromCommand: not yet");
    }
}
