package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the claims of a token shaped as a JWT, without verifying it: only to tell things about a
 * token the client holds (its expiry, whom it acts as), never to trust it.
 */
public final class JwtClaims {
    private JwtClaims() {}

    /**
     * The claims of a JWT.
     *
     * @param token the token
     * @return the claims object; empty when the token is not a JWT with a JSON object as claims
     */
    public static Optional<JsonNode> of(Secret token) {
        String[] parts = token.reveal().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A claim's text.
     *
     * @param claims the claims
     * @param name the claim
     * @return its text, when it is a string
     */
    public static Optional<String> text(JsonNode claims, String name) {
        JsonNode n = claims.get(name);
        return n != null && n.isTextual() ? Optional.ofNullable(Json.text(n)) : Optional.empty();
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }
}
