package io.catalogkit.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalogkit.testing.FakeAlationStore.AccessToken;
import io.catalogkit.testing.FakeAlationStore.Jwt;
import io.catalogkit.testing.FakeAlationStore.RefreshToken;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON {@link FakeAlation} answers with: token bodies, error bodies and the data endpoint's tables. */
final class FakeAlationRender {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    private FakeAlationRender() {}

    static ObjectNode refreshToken(RefreshToken t, Instant now) {
        ObjectNode m = token(t.userId, t.created, t.expires, t.status(now));
        if (t.lastUsed == null) {
            m.putNull("last_used_at");
        } else {
            m.put("last_used_at", TIMESTAMP.format(t.lastUsed));
        }
        m.put("name", t.name);
        m.put("refresh_token", t.value);
        return m;
    }

    static ObjectNode accessToken(AccessToken t, Instant now) {
        return token(t.userId, t.created, t.expires, t.status(now)).put("api_access_token", t.value);
    }

    /** What both kinds of token answer share; Alation shows a revoked token as expired. */
    private static ObjectNode token(long userId, Instant created, Instant expires, String status) {
        ObjectNode m = FakeJson.MAPPER.createObjectNode();
        m.put("user_id", userId);
        m.put("created_at", TIMESTAMP.format(created));
        m.put("token_expires_at", TIMESTAMP.format(expires));
        m.put("token_status", FakeAlationStore.isActive(status) ? "ACTIVE" : "EXPIRED");
        return m;
    }

    /** What revokeAPIAccessTokens answers. */
    static Map<String, Object> revoked(RefreshToken parent) {
        return Map.of(
                "detail",
                "Revoked active access tokens for refresh token: '" + parent.name + "' with id: " + parent.id);
    }

    /** Alation's error body: {@code {"detail", "code"}}. */
    static Map<String, Object> error(String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    /** An older server's rejection inside a 200: {@code {"status": "failed", "detail"}}. */
    static Map<String, Object> failedStatus(String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "failed");
        body.put("detail", detail);
        return body;
    }

    /**
     * A 400 naming the fields at fault.
     *
     * @param errors field name to its messages
     * @param code {@code 400010} for missing fields, {@code 400006} for invalid ones
     */
    static Map<String, Object> invalidPayload(Map<String, Object> errors, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Invalid Payload");
        body.put("detail", "Please check the API documentation for more details on the spec.");
        body.put("errors", errors);
        body.put("code", code);
        return body;
    }

    /** A JWT-shaped value: header, claims ({@code exp}, {@code iat}, {@code sub}, {@code client_id}...), random signature. */
    static String jwtValue(String clientId, String jti, Instant issued, Instant expires) {
        ObjectNode claims = FakeJson.MAPPER.createObjectNode();
        claims.put("iss", "fake-alation");
        claims.put("sub", clientId);
        claims.put("client_id", clientId);
        claims.put("iat", issued.getEpochSecond());
        claims.put("nbf", issued.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", jti);
        claims.put("unique_id", jti);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(signature);
    }

    /** O1's answer: the JWT, {@code token_type}, {@code expires_in} in seconds, {@code scope}. */
    static ObjectNode oauthToken(Jwt t) {
        ObjectNode m = FakeJson.MAPPER.createObjectNode();
        m.put("access_token", t.value);
        m.put("token_type", "Bearer");
        m.put("expires_in", Duration.between(t.issued, t.expires).toSeconds());
        m.put("scope", "openid");
        return m;
    }

    /** O2's answer: the claims of an active token, or only {@code "active": false}. */
    static ObjectNode introspection(Jwt t, Instant now) {
        ObjectNode m = FakeJson.MAPPER.createObjectNode();
        if (t == null || !FakeAlationStore.isActive(t.status(now))) {
            return m.put("active", false);
        }
        m.put("active", true);
        m.put("exp", t.expires.getEpochSecond());
        m.put("iat", t.issued.getEpochSecond());
        m.put("iss", "fake-alation");
        m.put("jti", t.jti);
        m.put("nbf", t.issued.getEpochSecond());
        m.put("sub", t.clientId);
        m.put("client_id", t.clientId);
        m.put("unique_id", t.jti);
        return m;
    }

    /** An RFC 6749 error with Alation's {@code code}: {@code {"error", "error_description", "code"}}. */
    static Map<String, Object> oauthError(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        body.put("code", String.valueOf(status));
        return body;
    }

    /** The data endpoint's first {@code limit} tables. */
    static List<Map<String, Object>> tables(int limit) {
        List<Map<String, Object>> tables = List.of(table(1, "orders"), table(2, "customers"), table(3, "shipments"));
        return tables.subList(0, Math.max(0, Math.min(limit, tables.size())));
    }

    private static Map<String, Object> table(int id, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("title", name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
        m.put("ds_id", 1);
        m.put("schema_id", 3);
        m.put("table_type", "TABLE");
        return m;
    }
}
