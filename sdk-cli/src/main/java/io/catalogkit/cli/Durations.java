package io.catalogkit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code DUR}: {@code 30s}, {@code 15m}, {@code 12h}, {@code 14d}, or ISO-8601 such as
 * {@code PT2M} or {@code P14D}; never negative. picocli names the option in its error.
 */
final class Durations implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.strip();
        Matcher m = SHORT.matcher(v.toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a duration: write 30s, 15m, 12h, 14d or ISO-8601 such as PT2M");
            }
        }
        if (d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative: a duration is zero or more");
        }
        return d;
    }

    /** Reads {@code DUR|never} into validity seconds: -1 for never (the SDK's "never expires"). */
    static final class Validity implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.strip().equalsIgnoreCase("never")) {
                return -1L;
            }
            Duration d = parse(value);
            if (d.getSeconds() < 1) {
                throw new TypeConversionException("'" + value + "' is shorter than a second: give a DUR or never");
            }
            return d.getSeconds();
        }
    }
}
