package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Json;
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

    /** A new token value the client now holds: a server must not get it into a later message. */
    private static Secret held(Answer a, Secret secret) {
        a.redactor().holdRecent(secret);
        return secret;
    }

    private static MalformedResponseException missing(Answer a, String field, String what) {
        return a.malformed("a JSON object with " + what + " '" + field + "'");
    }

    static String requiredText(Answer a, String field) {
        String s = Json.text(Json.field(a.body(), field));
        if (s == null) {
            throw missing(a, field, "a text");
        }
        return s;
    }

    private static Instant timestamp(Answer a, String field, boolean required) {
        JsonNode n = Json.field(a.body(), field);
        if (n == null || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                throw missing(a, field, "an ISO-8601 timestamp");
            }
            return null;
        }
        Instant t = n.isTextual() ? parseTimestamp(n.asText()) : null;
        if (t == null) {
            throw missing(a, field, "an ISO-8601 timestamp");
        }
        return t;
    }

    private static long userId(Answer a, Long fallback) {
        JsonNode n = Json.field(a.body(), "user_id");
        if (n == null) {
            if (fallback != null) {
                return fallback;
            }
            throw missing(a, "user_id", "a numeric");
        }
        Long id = n.isIntegralNumber() || n.isTextual() ? Json.longValue(n) : null;
        if (id == null || (n.isTextual() && !n.asText().trim().matches("[+-]?\\d+"))) {
            throw missing(a, "user_id", "a numeric");
        }
        return id;
    }

    private static TokenStatus status(Answer a) {
        return TokenStatus.parse(Json.text(Json.field(a.body(), "token_status")));
    }

    /**
     * Reads a refresh-token object.
     *
     * @param a the answer, a JSON object
     * @param withSecret whether the answer carries the token value that must be returned
     * @param userId the user id sent, used when the answer has none; null when none was sent
     * @return the token
     */
    static RefreshToken refreshToken(Answer a, boolean withSecret, Long userId) {
        Secret secret = withSecret ? held(a, Secret.of(requiredText(a, "refresh_token"))) : null;
        return RefreshToken.builder()
                .userId(userId(a, userId))
                .name(requiredText(a, "name"))
                .secret(secret)
                .createdAt(timestamp(a, "created_at", true))
                .expiresAt(timestamp(a, "token_expires_at", true))
                .lastUsedAt(timestamp(a, "last_used_at", false))
                .status(status(a))
                .build();
    }

    /**
     * Reads an access-token object.
     *
     * @param a the answer, a JSON object
     * @param withSecret whether the answer carries the token value that must be returned
     * @param userId the user id sent, used when the answer has none
     * @return the token
     */
    static AccessToken accessToken(Answer a, boolean withSecret, long userId) {
        Secret secret = withSecret ? held(a, Secret.of(requiredText(a, "api_access_token"))) : null;
        return AccessToken.builder()
                .secret(secret)
                .owner(String.valueOf(userId(a, userId)))
                .createdAt(timestamp(a, "created_at", true))
                .expiresAt(timestamp(a, "token_expires_at", true))
                .status(status(a))
                .build();
    }
}
