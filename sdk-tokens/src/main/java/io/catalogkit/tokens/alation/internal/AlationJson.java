package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.core.internal.Transport.Exchange;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Alation's token objects leniently (wire contract section 4): timestamps in any ISO-8601
 * form, {@code user_id} as a number or a string, {@code token_status} in any case, unknown fields
 * ignored. A required field that is missing or cannot be read is a {@link
 * MalformedResponseException} naming the field, never a silent null; values are never quoted.
 */
public final class AlationJson {
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendLiteral('[')
            .parseCaseSensitive()
            .appendZoneRegionId()
            .appendLiteral(']')
            .optionalEnd()
            .toFormatter();
    /** Date, a {@code T} or a space, time, a fraction of any length, an optional offset. */
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2})?)(?:[.,](\\d+))?\\s*([Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?(\\[[^\\]]+\\])?");

    private AlationJson() {}

    /**
     * Parses an ISO-8601 timestamp: with or without a fraction (any number of digits), with
     * {@code Z}, {@code +00:00}, {@code +0000}, {@code +00} or no offset (then UTC), with {@code T}
     * or a space between date and time.
     *
     * @param text the text
     * @return the instant, or null when the text is not such a timestamp
     */
    public static Instant parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        StringBuilder s = new StringBuilder(m.group(1)).append('T').append(m.group(2));
        if (m.group(3) != null) {
            // Nanoseconds are the finest java.time keeps: drop further digits.
            String fraction = m.group(3);
            s.append('.').append(fraction, 0, Math.min(9, fraction.length()));
        }
        if (m.group(4) != null) {
            s.append(normalizeOffset(m.group(4)));
        }
        if (m.group(5) != null) {
            s.append(m.group(5));
        }
        try {
            TemporalAccessor t = ISO.parseBest(s, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            } else if (t instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String normalizeOffset(String offset) {
        if (offset.equalsIgnoreCase("Z")) {
            return "Z";
        }
        String digits = offset.substring(1).replace(":", "");
        StringBuilder out = new StringBuilder().append(offset.charAt(0)).append(digits, 0, 2);
        out.append(':').append(digits.length() >= 4 ? digits.substring(2, 4) : "00");
        if (digits.length() == 6) {
            out.append(':').append(digits, 4, 6);
        }
        String normalized = out.toString();
        return normalized.equals("+00:00") || normalized.equals("-00:00") ? "Z" : normalized;
    }

    /** What one answer is read from: the transport for its error factory, the request, the exchange. */
    static final class Source {
        final Transport transport;
        final ApiRequest request;
        final Exchange exchange;
        final JsonNode body;

        Source(Transport transport, ApiRequest request, Exchange exchange) {
            this.transport = transport;
            this.request = request;
            this.exchange = exchange;
            this.body = exchange.object().orElseThrow(() -> transport.malformed(request, exchange, "a JSON object"));
        }

        MalformedResponseException missing(String field, String what) {
            return transport.malformed(request, exchange, "a JSON object with " + what + " '" + field + "'");
        }

        String text(String field) {
            JsonNode n = body.get(field);
            if (n == null || n.isNull() || !n.isValueNode()) {
                return null;
            }
            String s = n.asText();
            return s.isBlank() ? null : s;
        }

        String requiredText(String field) {
            String s = text(field);
            if (s == null) {
                throw missing(field, "a text");
            }
            return s;
        }

        Instant timestamp(String field, boolean required) {
            JsonNode n = body.get(field);
            if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
                if (required) {
                    throw missing(field, "an ISO-8601 timestamp");
                }
                return null;
            }
            Instant t = n.isTextual() ? parseTimestamp(n.asText()) : null;
            if (t == null) {
                throw missing(field, "an ISO-8601 timestamp");
            }
            return t;
        }

        long userId(Long fallback) {
            JsonNode n = body.get("user_id");
            if (n == null || n.isNull()) {
                if (fallback != null) {
                    return fallback;
                }
                throw missing("user_id", "a numeric");
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isTextual()) {
                try {
                    return Long.parseLong(n.asText().trim());
                } catch (NumberFormatException e) {
                    throw missing("user_id", "a numeric");
                }
            }
            throw missing("user_id", "a numeric");
        }

        TokenStatus status() {
            return TokenStatus.parse(text("token_status"));
        }
    }

    /**
     * Reads a refresh-token object.
     *
     * @param src the answer
     * @param withSecret whether the answer carries the token value that must be returned
     * @param userId the user id sent, used when the answer has none; null when none was sent
     * @return the token
     */
    static RefreshToken refreshToken(Source src, boolean withSecret, Long userId) {
        Secret secret = withSecret ? Secret.of(src.requiredText("refresh_token")) : null;
        return RefreshToken.builder()
                .userId(src.userId(userId))
                .name(src.requiredText("name"))
                .secret(secret)
                .createdAt(src.timestamp("created_at", true))
                .expiresAt(src.timestamp("token_expires_at", true))
                .lastUsedAt(src.timestamp("last_used_at", false))
                .status(src.status())
                .build();
    }

    /**
     * Reads an access-token object.
     *
     * @param src the answer
     * @param withSecret whether the answer carries the token value that must be returned
     * @param userId the user id sent, used when the answer has none
     * @return the token
     */
    static AccessToken accessToken(Source src, boolean withSecret, long userId) {
        Secret secret = withSecret ? Secret.of(src.requiredText("api_access_token")) : null;
        return AccessToken.builder()
                .secret(secret)
                .owner(String.valueOf(src.userId(userId)))
                .createdAt(src.timestamp("created_at", true))
                .expiresAt(src.timestamp("token_expires_at", true))
                .status(src.status())
                .build();
    }
}
