package io.catalogkit.core.internal;

import io.catalogkit.core.Secret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one place where text that came from a server (a platform message, an id, a user name, a
 * content type, an error code) is made fit for a message or a log line: cleaned of every secret
 * the client holds and of anything JWT-shaped, its control, format and line-separator characters
 * escaped (so that it can neither forge a log line nor reorder text with bidi controls), and cut to
 * a bound. One per client: it remembers the client's own secrets (API key, refresh token, the
 * current and previous access tokens, an OAuth client secret) besides those of the request at
 * hand. Only the error and message path calls it. Thread-safe.
 */
public final class Redactor {
    /** The most characters of one piece of server text that go into a message. */
    public static final int MAX = 300;

    private static final String MARK = "[redacted]";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");
    /** How many rotating secrets (minted access tokens) are remembered besides the fixed ones. */
    private static final int RECENT = 8;

    private final List<Secret> fixed = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Secret> recent = new ArrayDeque<>(RECENT);
    private final List<Supplier<Secret>> live = new CopyOnWriteArrayList<>();

    /** Creates a redactor that knows no secret yet. */
    public Redactor() {}

    /**
     * Remembers a secret the client holds for its whole life (an API key, a refresh token, a client
     * secret).
     *
     * @param secret the secret, or null for nothing
     * @return this redactor
     */
    public Redactor hold(Secret secret) {
        if (secret != null && !fixed.contains(secret)) {
            fixed.add(secret);
        }
        return this;
    }

    /**
     * Remembers where to read a secret the client holds now (the cached access token), however
     * many others came and went since it was made.
     *
     * @param current reads the value without side effects; may give null
     * @return this redactor
     */
    public Redactor holdLive(Supplier<Secret> current) {
        live.add(current);
        return this;
    }

    /**
     * Remembers a secret that is replaced from time to time (a minted access token); the last
     * {@value #RECENT} are kept, so a server echoing the previous one is still caught.
     *
     * @param secret the secret, or null for nothing
     */
    public void holdRecent(Secret secret) {
        if (secret == null) {
            return;
        }
        synchronized (recent) {
            if (!recent.contains(secret)) {
                if (recent.size() == RECENT) {
                    recent.removeFirst();
                }
                recent.addLast(secret);
            }
        }
    }

    /**
     * Every secret known to this redactor plus the given ones.
     *
     * @param extra the secrets of the request at hand
     * @return all of them
     */
    List<Secret> all(Collection<Secret> extra) {
        List<Secret> all = new ArrayList<>(fixed);
        synchronized (recent) {
            all.addAll(recent);
        }
        for (Supplier<Secret> s : live) {
            all.add(s.get());
        }
        if (extra != null) {
            all.addAll(extra);
        }
        return all;
    }

    /**
     * Cleans server text with every secret this client holds and the given ones, cut to {@link
     * #MAX}.
     *
     * @param text server text, may be null
     * @param extra further secrets (the request's), may be empty
     * @return the cleaned text, or null when {@code text} was null
     */
    public String clean(String text, Collection<Secret> extra) {
        return text == null ? null : clean(text, all(extra), MAX);
    }

    /**
     * Cleans server text with every secret this client holds, cut to {@link #MAX}: for an id, a
     * user name or a list of GUIDs quoted in a message or a log line.
     *
     * @param text server text, may be null
     * @return the cleaned text, or null when {@code text} was null
     */
    public String quote(String text) {
        return clean(text, List.of());
    }

    /**
     * Removes the given secrets and anything JWT-shaped, escapes control, format and
     * line-separator characters, and cuts the text to {@code max} characters (plus {@code ...}).
     *
     * @param text server text, may be null
     * @param secrets values that must not appear
     * @param max the most characters kept
     * @return the cleaned text, or null when {@code text} was null
     */
    public static String clean(String text, Collection<Secret> secrets, int max) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null && !s.reveal().isEmpty() && out.contains(s.reveal())) {
                out = out.replace(s.reveal(), MARK);
            }
        }
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(MARK);
        }
        out = escape(out).strip();
        if (out.length() > max) {
            int cut = max;
            // Never leave half an escape or half a surrogate pair at the end.
            int slash = out.lastIndexOf('\\', cut);
            if (slash >= 0 && slash > cut - 6) {
                cut = slash;
            }
            if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
                cut--;
            }
            out = out.substring(0, cut) + "...";
        }
        return out;
    }

    /**
     * Escapes what could forge a line or reorder text: C0 and C1 controls (newline, CR, ESC...),
     * format characters (bidi controls, zero-width characters), line and paragraph separators and
     * unpaired surrogates become {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean bad = needsEscape(c, text, i);
            if (bad && b == null) {
                b = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (b != null) {
                if (!bad) {
                    b.append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\r') {
                    b.append("\\r");
                } else if (c == '\t') {
                    b.append("\\t");
                } else {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return b == null ? text : b.toString();
    }

    private static boolean needsEscape(char c, String text, int i) {
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            return true;
        }
        if (c < 0xa0) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || c == '\ufffe'
                || c == '\uffff';
    }
}
