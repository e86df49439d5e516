package io.catalogkit.core.internal;

import io.catalogkit.core.Secret;
import java.util.Collection;
import java.util.regex.Pattern;

/** Cleans text that came from a server before it goes into a message: untrusted input. */
public final class Redactor {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]+");
    private static final int MAX = 300;

    private Redactor() {}

    /**
     * Removes the given secrets and anything JWT-shaped, folds control characters and newlines, and
     * shortens the text to at most 300 characters.
     *
     * @param text server text, may be null
     * @param secrets values that must not appear
     * @return the cleaned text, or null when {@code text} was null
     */
    public static String clean(String text, Collection<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null) {
                out = out.replace(s.reveal(), "[redacted]");
            }
        }
        out = JWT.matcher(out).replaceAll("[redacted]");
        out = CONTROL.matcher(out).replaceAll(" ").trim();
        if (out.length() > MAX) {
            out = out.substring(0, MAX) + "...";
        }
        return out;
    }
}
