package io.catalogkit.core.internal;

import io.catalogkit.core.Secret;
import java.util.Collection;

/**
 * The one argument check every service uses, with one message style: {@code "<name> must not be
 * null"}, {@code "<name> must not be blank"}, {@code "<name> must be 1 or more, was 0"}. Thrown
 * before anything is sent; a message names the argument, never its value when it may be secret.
 */
public final class Args {
    private Args() {}

    /**
     * Requires a value.
     *
     * @param value the argument
     * @param name its name
     * @param <T> its type
     * @return the value
     * @throws NullPointerException when it is null
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * Requires text that is not blank.
     *
     * @param value the argument
     * @param name its name
     * @return the value
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is blank
     */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Requires a collection without null or blank elements.
     *
     * @param values the argument
     * @param name its name
     * @param <C> its type
     * @return the values
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when an element is null or blank
     */
    public static <C extends Collection<String>> C noBlankElements(C values, String name) {
        notNull(values, name);
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(name + " must not contain a null or blank element");
            }
        }
        return values;
    }

    /**
     * Requires a number of at least {@code min}.
     *
     * @param value the argument
     * @param min the least value allowed
     * @param name its name
     * @return the value
     * @throws IllegalArgumentException when it is smaller
     */
    public static long atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be " + min + " or more, was " + value);
        }
        return value;
    }

    /**
     * Requires a secret that can go in an HTTP header.
     *
     * @param value the secret
     * @param name its name
     * @return the secret
     * @throws IllegalArgumentException when it holds a line break or another control character
     *     (the message never holds the value)
     */
    public static Secret headerSafe(Secret value, String name) {
        notNull(value, name);
        if (!Credentials.isHeaderSafe(value.reveal())) {
            throw new IllegalArgumentException(name + " must not contain a line break or another control character");
        }
        return value;
    }
}
