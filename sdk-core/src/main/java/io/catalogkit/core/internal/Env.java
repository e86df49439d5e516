package io.catalogkit.core.internal;

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
}
