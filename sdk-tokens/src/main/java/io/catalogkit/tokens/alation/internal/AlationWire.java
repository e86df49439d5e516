package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;

/**
 * What goes on Alation's wire and how its answers are read; no HTTP. Request bodies: the JSON of the
 * token endpoints ({@link TokenRequest}) and the forms of the OAuth endpoints. Answers are read
 * leniently (wire contract section 4): timestamps in any ISO-8601 form, {@code user_id} as a number
 * or a string, {@code token_status} in any case, unknown fields ignored; OAuth answers and JWT
 * claims (section 7). A required field that is missing or cannot be read is a {@link
 * MalformedResponseException} naming the field, never a silent null; values are never quoted.
 */
public final class AlationWire {
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

    private AlationWire() {}

    /**
     * The JSON body of a token-endpoint call. Secrets are revealed only here, where they must go on
     * the wire; this class has no {@code toString} that could print them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class TokenRequest {
        @JsonProperty("username")
        private final String username;

        @JsonProperty("password")
        private final String password;

        @JsonProperty("name")
        private final String name;

        @JsonProperty("refresh_token")
        private final String refreshToken;

        @JsonProperty("api_access_token")
        private final String accessToken;

        @JsonProperty("user_id")
        private final Long userId;

        private TokenRequest(
                String username, String password, String name, String refreshToken, String accessToken, Long userId) {
            this.username = username;
            this.password = password;
            this.name = name;
            this.refreshToken = refreshToken;
            this.accessToken = accessToken;
            this.userId = userId;
        }

        /** R1: {@code username}, {@code password}, {@code name}. */
        static TokenRequest credentials(String username, Secret password, String name) {
            return new TokenRequest(username, password.reveal(), name, null, null, null);
        }

        /** R2, R3, P1, P3: {@code refresh_token}, {@code user_id} (a number). */
        static TokenRequest refreshToken(Secret refreshToken, long userId) {
            return new TokenRequest(null, null, null, refreshToken.reveal(), null, userId);
        }

        /** P2: {@code api_access_token}, {@code user_id} (a number). */
        static TokenRequest accessToken(Secret accessToken, long userId) {
            return new TokenRequest(null, null, null, null, accessToken.reveal(), userId);
        }
    }

    /**
     * Requires an Alation user id, as {@code user_id} carries it: from 1 to {@link
     * Integer#MAX_VALUE}.
     *
     * @param userId the argument
     * @throws IllegalArgumentException when it is outside
     */
    public static void checkUserId(long userId) {
        // Alation's user ids are 32-bit database keys.
        Args.between(userId, 1, Integer.MAX_VALUE, "userId");
    }

    /** O1's form: the client-credentials grant with the client's id and secret. */
    static FormBody clientCredentialsForm(String clientId, Secret clientSecret) {
        return withClient(new FormBody.Builder().add("grant_type", "client_credentials"), clientId, clientSecret);
    }

    /** O2's form: the JWT to introspect with the client's id and secret. */
    static FormBody introspectForm(Secret jwt, String clientId, Secret clientSecret) {
        return withClient(
                new FormBody.Builder().add("token", jwt.reveal()).add("token_type_hint", "access_token"),
                clientId,
                clientSecret);
    }

    private static FormBody withClient(FormBody.Builder form, String clientId, Secret clientSecret) {
        return form.add("client_id", clientId)
                .add("client_secret", clientSecret.reveal())
                .build();
    }

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
        Instant fast = parseCommon(text);
        return fast != null ? fast : parseAny(text);
    }

    /** The general reading of {@link #parseTimestamp}, for every form it accepts. */
    static Instant parseAny(String text) {
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

    /**
     * The forms Alation sends, {@code 2024-05-01T10:00:00[.fraction](Z|+hh:mm)?}, read without a
     * regular expression or a formatter; null for anything else (including a field out of range,
     * which the general path then resolves or rejects), so that the results never differ.
     */
    static Instant parseCommon(String text) {
        int n = text.length();
        if (n < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        char t = text.charAt(10);
        if (t != 'T' && t != 't' && t != ' ') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
            int start = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                if (i - start < 9) {
                    nanos = nanos * 10 + (text.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = Math.min(i - start, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n) {
            offset = ZoneOffset.UTC;
        } else if (i + 1 == n && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
            offset = ZoneOffset.UTC;
        } else if (i + 6 == n && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int oh = digits(text, i + 1, i + 3);
            int om = digits(text, i + 4, i + 6);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            int seconds = oh * 3600 + om * 60;
            if (seconds > 18 * 3600) {
                return null;
            }
            offset = ZoneOffset.ofTotalSeconds(text.charAt(i) == '-' ? -seconds : seconds);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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

    /**
     * The new value in a regenerate answer, read before the whole token so that the client can
     * switch to it even if the rest cannot be read.
     *
     * @param a the answer, a JSON object
     * @return the new refresh token
     */
    static Secret regeneratedValue(Answer a) {
        return Secret.of(requiredText(a, "refresh_token"));
    }

    /**
     * Reads O1's answer: the JWT, its owner ({@code sub} claim) and its expiry ({@code expires_in}
     * counted from when the request was sent, else the JWT's {@code exp}).
     *
     * @param a the answer, a JSON object
     * @param sent when the request was sent, on the client's clock
     * @return the token
     */
    static AccessToken mintedJwt(Answer a, Instant sent) {
        Secret jwt = Secret.of(requiredText(a, "access_token"));
        JsonNode claims = claims(jwt);
        Long expiresIn = Json.longValue(Json.field(a.body(), "expires_in"));
        Instant expires;
        if (expiresIn != null && expiresIn > 0) {
            expires = sent.plus(Duration.ofSeconds(expiresIn));
        } else if (expiresIn == null && epoch(claims, "exp") != null) {
            expires = epoch(claims, "exp");
        } else {
            throw a.malformed("a JSON object with a positive number 'expires_in'");
        }
        return AccessToken.builder()
                .secret(jwt)
                .owner(Json.text(Json.field(claims, "sub")))
                .createdAt(sent)
                .expiresAt(expires)
                .status(TokenStatus.ACTIVE)
                .build();
    }

    /**
     * Reads O2's answer. An inactive answer says nothing more: the token's own claims tell expired
     * from revoked.
     *
     * @param a the answer, a JSON object
     * @param jwt the JWT introspected
     * @param now the time now, on the client's clock
     * @return the token's state
     */
    static AccessToken introspection(Answer a, Secret jwt, Instant now) {
        JsonNode active = Json.field(a.body(), "active");
        if (active == null || !active.isBoolean()) {
            throw a.malformed("a JSON object with a boolean 'active'");
        }
        if (active.booleanValue()) {
            JsonNode c = a.body();
            return AccessToken.builder()
                    .id(Json.text(Json.field(c, "jti")))
                    .name(Json.text(Json.field(c, "client_id")))
                    .owner(Json.text(Json.field(c, "sub")))
                    .createdAt(epoch(c, "iat"))
                    .expiresAt(epoch(c, "exp"))
                    .status(TokenStatus.ACTIVE)
                    .build();
        }
        JsonNode own = claims(jwt);
        Instant exp = epoch(own, "exp");
        return AccessToken.builder()
                .id(Json.text(Json.field(own, "jti")))
                .name(Json.text(Json.field(own, "client_id")))
                .owner(Json.text(Json.field(own, "sub")))
                .createdAt(epoch(own, "iat"))
                .expiresAt(exp)
                .status(exp == null || !exp.isAfter(now) ? TokenStatus.EXPIRED : TokenStatus.REVOKED)
                .build();
    }

    /** Seconds since the epoch, as JWT claims carry them; null when absent or not a number. */
    private static Instant epoch(JsonNode claims, String name) {
        Long seconds = Json.longValue(Json.field(claims, name));
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    /**
     * The claims of a JWT, read without checking its signature (only to know when it expires);
     * null when it is not a JWT.
     */
    static JsonNode claims(Secret jwt) {
        String[] parts = jwt.reveal().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload != null && payload.isObject() ? payload : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
