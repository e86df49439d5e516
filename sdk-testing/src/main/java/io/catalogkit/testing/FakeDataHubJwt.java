package io.catalogkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DataHub's personal access tokens as the fake mints them: HS256 JWTs signed with the fake's own
 * key, and their ids, {@code Base64(SHA-256(jwt + salt))}. Thread-safe.
 */
final class FakeDataHubJwt {
    /** {@code {"alg":"HS256"}}, as DataHub's token service writes it. */
    static final String HEADER = "{\"alg\":\"HS256\"}";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final String salt;

    FakeDataHubJwt() {
        SecureRandom random = new SecureRandom();
        this.key = new byte[32];
        random.nextBytes(key);
        byte[] s = new byte[16];
        random.nextBytes(s);
        this.salt = Base64.getEncoder().encodeToString(s);
    }

    /** What a verified token says about itself. */
    record Claims(String actorId, Long expSeconds) {}

    /**
     * Mints a token acting as the user with this id.
     *
     * @param actorId the id part of the actor's urn, e.g. {@code jdoe}
     * @param expiresAtMillis epoch ms, or null for a token that never expires
     * @return the JWT
     */
    String mint(String actorId, Long expiresAtMillis) {
        return mint(actorId, expiresAtMillis, "PERSONAL");
    }

    /** Mints a token of a type ({@code PERSONAL} or {@code SERVICE_ACCOUNT}). */
    String mint(String actorId, Long expiresAtMillis, String type) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("actorType", "USER");
        claims.put("actorId", actorId);
        claims.put("type", type);
        claims.put("version", "2");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sub", actorId);
        if (expiresAtMillis != null) {
            claims.put("exp", expiresAtMillis / 1000);
        }
        claims.put("iss", "datahub-metadata-service");
        String payload = FakeJson.write(FakeJson.MAPPER, claims);
        String signingInput = encode(HEADER) + "." + encode(payload);
        return signingInput + "." + URL.encodeToString(sign(signingInput));
    }

    /**
     * Checks a token's signature and reads its claims; expiry is left to the caller.
     *
     * @param jwt the presented token
     * @return the claims, or empty when the token is not one this fake signed
     */
    Optional<Claims> verify(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] signature = URL_DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode claims = FakeJson.MAPPER.readTree(URL_DECODER.decode(parts[1]));
            JsonNode exp = claims.get("exp");
            String actorId = claims.path("actorId").asText(null);
            if (actorId == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(actorId, exp != null && exp.isNumber() ? exp.asLong() : null));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The token's id: {@code Base64(SHA-256(jwt + salt))}, standard alphabet with padding.
     *
     * @param jwt the token
     * @return 44 characters
     */
    String id(String jwt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(sha.digest((jwt + salt).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
