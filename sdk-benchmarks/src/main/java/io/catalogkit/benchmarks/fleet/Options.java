package io.catalogkit.benchmarks.fleet;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fleet's {@code --name=value} options. */
final class Options {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("options are --name=value, got " + a);
            }
            values.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Options o = new Options(values);
        for (String d : new String[] {"lag", "grace", "interval", "warmup", "credential-wait"}) {
            if (values.containsKey(d)) {
                o.duration(d, Duration.ZERO);
            }
        }
        return o;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, got " + v);
        }
    }

    /** A duration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT45S}). */
    Duration duration(String name, Duration fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) {
                throw new IllegalArgumentException("--" + name + " must not be negative, got " + v);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " takes a duration such as 5s, 2m or PT45S, got " + v);
        }
    }

    /** A duration the way the options take it, e.g. {@code 45s}. */
    static String show(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return String.format(Locale.ROOT, "%ds", d.toSeconds());
    }
}
