package io.catalogkit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table for the list commands. Text a server sent is untrusted: control and
 * formatting characters are shown escaped, so they cannot break a line or drive the terminal, and
 * long cells are cut.
 */
final class Table {
    private static final int MAX_CELL = 48;

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        String[] clean = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            clean[i] = cut(escape(cells[i] == null ? "-" : cells[i]));
        }
        rows.add(clean);
        return this;
    }

    int size() {
        return rows.size() - 1;
    }

    String render() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].codePointCount(0, row[c].length()) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Control and format characters (an escape, a line break, a bidi override) as {@code \}uXXXX. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String cut(String cell) {
        if (cell.codePointCount(0, cell.length()) <= MAX_CELL) {
            return cell;
        }
        return cell.substring(0, cell.offsetByCodePoints(0, MAX_CELL - 3)) + "...";
    }
}
