package io.catalogkit.core.internal;

import io.catalogkit.core.Secret;
import java.util.Collection;

/**
 * The one argument check every service uses, with one message style: {@code "<name> must not be
 * null"}, {@code "<name> must not be blank"}, {@code "<name> must be 1 or more, was 0"}, {@code
 * "<name> must be at most 255 characters, was 1048576"}, {@code "<name> must not contain a control
 * character (U+000A at index 3)"}. Thrown before anything is sent; a message names the argument
 * and never quotes a text value (it may be huge, hostile to logs, or secret), only numbers.
 */
public final class Args {
    /** The longest name (a token's display name or name, a username) catalogkit sends. */
    public static final int MAX_NAME = 255;
    /** The longest description catalogkit sends. */
    public static final int MAX_DESCRIPTION = 4096;
    /** The longest identifier (a GUID, a client id, a token id) catalogkit sends. */
    public static final int MAX_ID = 256;
    /** The longest qualified name or urn catalogkit sends. */
    public static final int MAX_QUALIFIED_NAME = 1024;
    /** The longest secret (key, token, password) catalogkit sends. */
    public static final int MAX_SECRET = 8192;

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
     * Requires a secret that can go in an HTTP header: at most {@link #MAX_SECRET} visible ASCII
     * characters, spaces and tabs allowed.
     *
     * @param value the secret
     * @param name its name
     * @return the secret
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is too long, or holds a line break or another
     *     control character (the message never holds the value)
     */
    public static Secret headerSafe(Secret value, String name) {
        maxLength(value, notNull(value, name).reveal().length(), MAX_SECRET, name);
        if (!Credentials.isHeaderSafe(value.reveal())) {
            throw new IllegalArgumentException(name + " must not contain a line break or another control character,"
                    + " nor any character outside ASCII (it is sent in an HTTP header)");
        }
        return value;
    }

    /**
     * Requires a secret (a password, or a token sent in a body; never blank, as {@link Secret} says): at most {@link
     * #MAX_SECRET} characters, no control character.
     *
     * @param value the secret
     * @param name its name
     * @return the secret
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is too long, or holds a control character (the
     *     message never holds the value)
     */
    public static Secret secret(Secret value, String name) {
        String revealed = notNull(value, name).reveal();
        maxLength(value, revealed.length(), MAX_SECRET, name);
        noControl(revealed, false, name);
        return value;
    }

    /**
     * Requires a single-line name: not blank, at most {@code max} characters, no control
     * character (no line break, tab or NUL).
     *
     * @param value the argument
     * @param max the most characters allowed
     * @param name its name
     * @return the value
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is blank, too long or holds a control character
     */
    public static String line(String value, int max, String name) {
        notBlank(value, name);
        maxLength(value, value.length(), max, name);
        return noControl(value, false, name);
    }

    /**
     * Allows a free text, or null: at most {@code max} characters, line breaks and tabs allowed,
     * no other control character (no NUL).
     *
     * @param value the argument, or null
     * @param max the most characters allowed
     * @param name its name
     * @return the value
     * @throws IllegalArgumentException when it is too long or holds a control character
     */
    public static String text(String value, int max, String name) {
        if (value == null) {
            return null;
        }
        maxLength(value, value.length(), max, name);
        return noControl(value, true, name);
    }

    /**
     * Requires an identifier: a {@link #line} of at most {@link #MAX_ID} characters, without
     * whitespace at either end.
     *
     * @param value the argument
     * @param name its name
     * @return the value
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it is blank, too long, padded or holds a control
     *     character
     */
    public static String id(String value, String name) {
        line(value, MAX_ID, name);
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(name + " must not start or end with whitespace");
        }
        return value;
    }

    /**
     * Requires an urn of one type: {@code prefix} followed by an identifier of at least one
     * character, without whitespace or control characters, at most {@link #MAX_QUALIFIED_NAME} in
     * all.
     *
     * @param value the argument
     * @param prefix the type's prefix, e.g. {@code "urn:li:corpuser:"}
     * @param name its name
     * @return the value
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when it has another shape
     */
    public static String urn(String value, String prefix, String name) {
        line(value, MAX_QUALIFIED_NAME, name);
        if (!value.startsWith(prefix) || value.length() == prefix.length()) {
            throw new IllegalArgumentException(
                    name + " must be an urn of the form " + prefix + "<id>, e.g. " + prefix + "jdoe");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                throw new IllegalArgumentException(name + " must not contain whitespace (at index " + i + ")");
            }
        }
        return value;
    }

    /**
     * Requires a collection of at most {@code maxSize} {@link #line}s of at most {@code maxLength}
     * characters each.
     *
     * @param values the argument
     * @param maxSize the most elements allowed
     * @param maxLength the most characters allowed per element
     * @param name its name
     * @param <C> its type
     * @return the values
     * @throws NullPointerException when it is null
     * @throws IllegalArgumentException when an element is null, blank, too long or holds a control
     *     character, or there are too many
     */
    public static <C extends Collection<String>> C lines(C values, int maxSize, int maxLength, String name) {
        noBlankElements(values, name);
        if (values.size() > maxSize) {
            throw new IllegalArgumentException(
                    name + " must hold at most " + maxSize + " elements, was " + values.size());
        }
        for (String v : values) {
            line(v, maxLength, "each element of " + name);
        }
        return values;
    }

    /**
     * Requires a number from {@code min} to {@code max}.
     *
     * @param value the argument
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @param name its name
     * @return the value
     * @throws IllegalArgumentException when it is outside
     */
    public static long between(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    /**
     * Requires a page request whose end fits an {@code int}: {@code offset} 0 or more, {@code size}
     * from 1 to {@code maxSize}, and {@code offset + size} at most {@link Integer#MAX_VALUE}, so
     * that no next offset can overflow.
     *
     * @param offset the offset argument
     * @param offsetName its name
     * @param size the page size argument
     * @param sizeName its name
     * @param maxSize the largest page size allowed
     * @throws IllegalArgumentException when one is outside
     */
    public static void page(int offset, String offsetName, int size, String sizeName, int maxSize) {
        atLeast(offset, 0, offsetName);
        between(size, 1, maxSize, sizeName);
        if ((long) offset + size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(offsetName + " + " + sizeName + " must be at most " + Integer.MAX_VALUE
                    + ", was " + ((long) offset + size));
        }
    }

    private static <T> T maxLength(T value, int length, int max, String name) {
        if (length > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters, was " + length);
        }
        return value;
    }

    private static String noControl(String value, boolean lineBreaks, String name) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException(name + " must not contain a control character"
                        + (lineBreaks ? " other than a line break or tab" : " or line break") + " (U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
        }
        return value;
    }
}
