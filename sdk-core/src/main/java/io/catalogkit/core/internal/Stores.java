package io.catalogkit.core.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

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
        return new Named(() -> value, "the credential given to the builder", true, "fixed");
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
        AtomicReference<Secret> once = new AtomicReference<>();
        return new Named(
                () -> {
                    Secret v = once.get();
                    if (v == null) {
                        String raw = System.getenv(variable);
                        if (raw == null || raw.isBlank()) {
                            throw new CatalogKitException("The environment variable " + variable + " is not set");
                        }
                        v = Secret.of(raw.trim());
                        once.set(v);
                    }
                    return v;
                },
                "the environment variable " + variable,
                true,
                "env " + variable);
    }

    /**
     * A fixed value read from a named place (an environment variable), named in messages.
     *
     * @param value the value
     * @param variable the environment variable it came from
     * @return the source
     */
    public static Store fixed(Secret value, String variable) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(variable, "variable");
        return new Named(() -> value, "the environment variable " + variable, true, "env " + variable);
    }

    /**
     * A file's text less one trailing line break, read again (following symbolic links) on every
     * get.
     *
     * @param path the file
     * @return the source
     */
    public static Store file(Path path) {
        Objects.requireNonNull(path, "path");
        String name = "the file " + path;
        return new Named(
                () -> {
                    byte[] bytes;
                    try (InputStream in = Files.newInputStream(path)) {
                        bytes = in.readNBytes(MAX_BYTES + 1);
                    } catch (NoSuchFileException e) {
                        throw new CatalogKitException(
                                "The credential file " + path + " does not exist: create it, or mount the secret there",
                                e);
                    } catch (AccessDeniedException e) {
                        throw new CatalogKitException(
                                "The credential file " + path + " cannot be read: give this process read permission",
                                e);
                    } catch (IOException e) {
                        throw new CatalogKitException(
                                "The credential file " + path + " could not be read ("
                                        + e.getClass().getSimpleName()
                                        + "): it must be a readable regular file holding the credential",
                                e);
                    }
                    if (bytes.length > MAX_BYTES) {
                        throw new CatalogKitException("The credential file " + path + " is larger than "
                                + MAX_BYTES / 1024 + " KiB: it should hold the credential alone");
                    }
                    return value(bytes, name, "it is empty: write the credential into it");
                },
                name,
                false,
                "file " + path);
    }

    /**
     * A helper program's standard output less one trailing line break, run on every get, within 30
     * seconds.
     *
     * @param command the program and its arguments
     * @return the source
     */
    public static Store command(String... command) {
        return command(ProcessRunner.DEFAULT_TIMEOUT, command);
    }

    /**
     * A helper program's standard output less one trailing line break, run on every get.
     *
     * @param timeout how long the program may run before it is stopped
     * @param command the program and its arguments
     * @return the source
     */
    public static Store command(Duration timeout, String... command) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        List<String> argv = ProcessRunner.argv(command);
        String described = ProcessRunner.describe(argv);
        String name = "the command " + described;
        return new Named(
                () -> {
                    ProcessRunner.Result r = ProcessRunner.run(argv, null, timeout, MAX_BYTES);
                    if (r.exitStatus() != 0) {
                        throw new CatalogKitException("The credential command " + described + " exited with status "
                                + r.exitStatus() + " (its output is not shown): run it by hand to see why");
                    }
                    return value(r.output(), name, "it printed nothing: it should print the credential");
                },
                name,
                false,
                "command " + described);
    }

    /** The most a credential file or helper output may hold. */
    static final int MAX_BYTES = ProcessRunner.MAX_OUTPUT;

    /**
     * A store's bytes as a credential: UTF-8 text less one trailing line break, not blank.
     *
     * @param bytes what the store held
     * @param store the store's name, for the message
     * @param whenBlank what to say when it holds nothing
     * @return the value
     */
    static Secret value(byte[] bytes, String store, String whenBlank) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CatalogKitException(capitalized(store) + " does not hold UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            throw new CatalogKitException("No credential in " + store + ": " + whenBlank);
        }
        return Secret.of(text);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A store: how to read it, its name for messages, whether it is fixed, and its label. */
    private static final class Named implements Store {
        private final CredentialSource read;
        private final String name;
        private final boolean fixed;
        private final String label;

        Named(CredentialSource read, String name, boolean fixed, String label) {
            this.read = read;
            this.name = name;
            this.fixed = fixed;
            this.label = label;
        }

        @Override
        public Secret get() throws Exception {
            return read.get();
        }

        @Override
        public String storeName() {
            return name;
        }

        @Override
        public boolean fixed() {
            return fixed;
        }

        @Override
        public String toString() {
            return "CredentialSource[" + label + "]";
        }
    }
}
