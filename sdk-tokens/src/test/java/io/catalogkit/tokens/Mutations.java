package io.catalogkit.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;

/** Turns a real answer into a hostile one, deterministically for a given {@link Random}. */
final class Mutations {
    private static final Pattern STRING_VALUE = Pattern.compile(":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_VALUE = Pattern.compile(":\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)");
    private static final Pattern ANY_VALUE =
            Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null)");
    private static final String[] WRONG = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1.5",
        "\"\"",
        "\" \"",
        "[]",
        "{}",
        "[1,2]",
        "{\"a\":1}",
        "\"x\"",
        "\"-5\"",
        "\"not-a-date\"",
        "\"2026-13-45T99:99:99Z\"",
        "-9223372036854775809",
        "1e309"
    };
    private static final String[] HUGE = {
        "1e999999",
        "-1e999999",
        "99999999999999999999999999999999",
        "-99999999999999999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "2147483648",
        "-2147483649",
        "-5",
        "0.0000000000001",
        "1" + "0".repeat(5000)
    };

    private Mutations() {}

    /** Replaces some values by values of another type. */
    static String retype(String text, Random r) {
        return replaceSome(ANY_VALUE, text, r, m -> ": " + WRONG[r.nextInt(WRONG.length)]);
    }

    /** Replaces some numbers (and number-like strings) by huge, negative or overflowing ones. */
    static String hugeNumbers(String text, Random r) {
        String out = replaceSome(NUMBER_VALUE, text, r, m -> ": " + HUGE[r.nextInt(HUGE.length)]);
        return out.equals(text) ? replaceSome(ANY_VALUE, text, r, m -> ": " + HUGE[r.nextInt(HUGE.length)]) : out;
    }

    /** Puts a value (a secret and a forged line) in place of some string values. */
    static String echo(String text, String value, Random r) {
        String v = jsonString(value);
        String out = replaceSome(STRING_VALUE, text, r, m -> ": \"" + v + "\"");
        return out.equals(text) ? "{\"message\":\"" + v + "\"}" : out;
    }

    /** A JSON document nested 1,000 to 100,000 levels deep. */
    static String deep(Random r) {
        int depth = 1_000 + r.nextInt(99_000);
        boolean arrays = r.nextBoolean();
        StringBuilder b = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? "[" : "{\"data\":");
        }
        b.append("1");
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? "]" : "}");
        }
        return b.toString();
    }

    /** The answer padded to about {@code mb} MB, in a field or after the document. */
    static Buffer large(String text, int mb, Random r) {
        Buffer b = new Buffer();
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        boolean inField = text.startsWith("{") && r.nextBoolean();
        if (inField) {
            b.writeUtf8("{\"padding\":\"");
        } else {
            b.writeUtf8(text);
            b.writeUtf8(" ");
        }
        for (int i = 0; i < mb * 16; i++) {
            b.write(chunk);
        }
        if (inField) {
            b.writeUtf8("\",").writeUtf8(text.substring(1));
        }
        return b;
    }

    /** The answer with bytes that are not UTF-8 put inside it. */
    static Buffer invalidUtf8(String text, Random r) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        int at = raw.length == 0 ? 0 : r.nextInt(raw.length);
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
        Buffer b = new Buffer();
        b.write(raw, 0, at);
        b.write(bad[r.nextInt(bad.length)]);
        b.write(raw, at, raw.length - at);
        return b;
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String replaceSome(
            Pattern p, String text, Random r, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        int chance = 1 + r.nextInt(4);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(r.nextInt(chance) == 0 ? with.apply(m) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
