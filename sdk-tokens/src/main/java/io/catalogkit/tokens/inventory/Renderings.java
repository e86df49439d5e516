package io.catalogkit.tokens.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.tokens.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The three renderings of an {@link InventoryReport}. Server-supplied text is never trusted. */
final class Renderings {
    /** Table cells longer than this are cut (a DataHub token id, 44 characters, fits). */
    static final int MAX_CELL = 48;

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String[] HEADER = {"PLATFORM", "KIND", "NAME", "OWNER", "STATUS", "EXPIRES", "ID", "SCOPES"};

    private Renderings() {}

    static String platformName(Platform p) {
        return switch (p) {
            case ATLAN -> "Atlan";
            case ALATION -> "Alation";
            case DATAHUB -> "DataHub";
        };
    }

    // ---------------------------------------------------------------- table

    static String table(InventoryReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (InventoryEntry e : report.getEntries()) {
            rows.add(new String[] {
                platformName(e.getPlatform()),
                e.getKind(),
                e.getName().orElse("-"),
                e.getOwner().orElse("-"),
                e.getStatus().name(),
                expires(e.getExpiresAt(), report.getAsOf()),
                e.getId(),
                e.getScopes().isEmpty() ? "-" : String.join(",", e.getScopes())
            });
        }
        int[] widths = new int[HEADER.length];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                row[c] = cut(escape(row[c]));
                widths[c] = Math.max(widths[c], length(row[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - length(row[c]) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        int n = report.getEntries().size();
        out.append(n)
                .append(n == 1 ? " token" : " tokens")
                .append(" as of ")
                .append(report.getAsOf())
                .append('\n');
        List<String> gaps = report.getGaps();
        if (!gaps.isEmpty()) {
            out.append("Not listed:\n");
            gaps.forEach(g -> out.append("  - ").append(escape(g)).append('\n'));
        }
        return out.toString();
    }

    private static String expires(Optional<Instant> at, Instant asOf) {
        if (at.isEmpty()) {
            return "never";
        }
        Duration d = Duration.between(asOf, at.get());
        String when = MINUTES.format(at.get());
        return d.isNegative() || d.isZero()
                ? when + " (" + span(d.negated()) + " ago)"
                : when + " (in " + span(d) + ")";
    }

    private static String span(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + "d";
        } else if (d.toHours() >= 1) {
            return d.toHours() + "h";
        }
        return Math.max(0, d.toMinutes()) + "m";
    }

    private static String cut(String cell) {
        if (length(cell) <= MAX_CELL) {
            return cell;
        }
        return cell.substring(0, cell.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Shows control, formatting and separator characters as escapes, so that a name cannot end a
     * line, move the cursor, colour the terminal or reorder text (bidi controls).
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(cp)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    // ---------------------------------------------------------------- CSV

    static String csv(InventoryReport report) {
        StringBuilder out = new StringBuilder("platform,kind,id,name,owner,created_at,expires_at,status,scopes\r\n");
        for (InventoryEntry e : report.getEntries()) {
            out.append(String.join(
                            ",",
                            cell(e.getPlatform().name(), false),
                            cell(e.getKind(), false),
                            cell(e.getId(), false),
                            cell(e.getName().orElse(""), true),
                            cell(e.getOwner().orElse(""), true),
                            cell(e.getCreatedAt().map(Instant::toString).orElse(""), false),
                            cell(e.getExpiresAt().map(Instant::toString).orElse(""), false),
                            cell(e.getStatus().name(), false),
                            cell(String.join(";", e.getScopes()), true)))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value, boolean freeText) {
        String v = escape(value);
        if (freeText && !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // a spreadsheet would run it as a formula
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf(';') >= 0 || !v.equals(v.strip())) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    // ---------------------------------------------------------------- JSON

    static String json(InventoryReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asOf", report.getAsOf().toString());
        ArrayNode entries = root.putArray("entries");
        for (InventoryEntry e : report.getEntries()) {
            ObjectNode n = entries.addObject();
            n.put("platform", e.getPlatform().name());
            n.put("kind", e.getKind());
            n.put("id", e.getId());
            n.put("name", e.getName().orElse(null));
            n.put("owner", e.getOwner().orElse(null));
            n.put("createdAt", e.getCreatedAt().map(Instant::toString).orElse(null));
            n.put("expiresAt", e.getExpiresAt().map(Instant::toString).orElse(null));
            n.put("status", e.getStatus().name());
            e.getScopes().forEach(n.putArray("scopes")::add);
        }
        report.getGaps().forEach(root.putArray("gaps")::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new CatalogKitException("the inventory could not be written as JSON", e);
        }
    }
}
