package io.catalogkit.cli;

import io.catalogkit.tokens.Rotation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;

/** How the list, get, create and rotate commands write what they did. */
final class Show {
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Show() {}

    static String time(Optional<Instant> t) {
        return t.map(MINUTES::format).orElse("never");
    }

    static String text(Optional<String> s) {
        return s.filter(v -> !v.isBlank()).orElse("-");
    }

    static String list(Collection<String> items) {
        return items.isEmpty() ? "-" : String.join(",", items);
    }

    /** Where a confirmation goes: standard output, unless the secret itself is printed there. */
    static void done(Session s, Destination d, String line) {
        (d.show() ? s.err() : s.out()).println(Table.escape(line));
    }

    /** A rotation's steps (they hold no secret). */
    static void steps(Session s, Rotation<?> r) {
        r.getSteps().forEach(step -> s.out().println("  - " + Table.escape(step)));
    }

    /** Aligned {@code label  value} lines. */
    static void fields(Session s, String[][] rows) {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : rows) {
            s.out().println(r[0] + " ".repeat(width - r[0].length() + 2) + Table.escape(r[1]));
        }
    }
}
