package io.catalogkit.core.internal;

import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import java.nio.file.Path;
import java.util.Map;

/** Reads the environment variables a client's {@code fromEnv()} is configured from. */
public final class Env {
    private Env() {}

    /**
     * A variable that must be set.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @param client the client being configured, for the message, the client class's simple name
     * @param name the variable
     * @param needs every variable the client needs, named in the message
     * @return the value, trimmed
     * @throws IllegalStateException naming the variable when it is unset or blank (never its value)
     */
    public static String require(Map<String, String> env, String client, String name, String... needs) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set: " + client
                    + ".fromEnv() needs " + String.join(", ", needs));
        }
        return v.trim();
    }

    /** The suffix of a variable naming a file that holds the credential, e.g. {@code ATLAN_API_KEY_FILE}. */
    public static final String FILE_SUFFIX = "_FILE";

    /**
     * A credential that must be set, as its variable ({@code NAME}) or as a file named by {@code
     * NAME_FILE} (a mounted secret), never both.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @param client the client being configured, for the message, the client class's simple name
     * @param name the variable, without the {@code _FILE} suffix
     * @param needs every variable the client needs, named in the message
     * @return a source reading the file named by {@code NAME_FILE} on every read, or the fixed value
     *     of {@code NAME} (trimmed)
     * @throws IllegalStateException naming the variables when neither or both are set (never a value)
     */
    public static CredentialSource credential(Map<String, String> env, String client, String name, String... needs) {
        String fileVariable = name + FILE_SUFFIX;
        boolean direct = isSet(env, name);
        boolean file = isSet(env, fileVariable);
        if (direct && file) {
            throw new IllegalStateException("environment variables " + name + " and " + fileVariable
                    + " are both set: set one of " + name + " or " + fileVariable + ", not both (" + client
                    + ".fromEnv())");
        }
        if (file) {
            return Stores.file(Path.of(env.get(fileVariable).trim()));
        }
        if (direct) {
            return Stores.fixed(Secret.of(env.get(name).trim()), name);
        }
        throw new IllegalStateException("environment variable " + name + " (or " + fileVariable + ") is not set: "
                + client + ".fromEnv() needs " + String.join(", ", needs));
    }

    /**
     * Whether a credential is given, as its variable or as its {@code _FILE} form.
     *
     * @param env the environment
     * @param name the variable, without the {@code _FILE} suffix
     * @return true when {@code NAME} or {@code NAME_FILE} is set and not blank
     */
    public static boolean has(Map<String, String> env, String name) {
        return isSet(env, name) || isSet(env, name + FILE_SUFFIX);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
