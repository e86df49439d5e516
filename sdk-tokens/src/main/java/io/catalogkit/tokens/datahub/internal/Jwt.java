package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.JwtClaims;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the claims of the client's own DataHub token, for messages only: base64url, no signature
 * check (only DataHub can verify it). Never logs or returns the token.
 */
public final class Jwt {
    /** The urn prefix of a DataHub user. */
    public static final String CORP_USER = "urn:li:corpuser:";

    private Jwt() {}

    /**
     * What a token says about itself.
     *
     * @param expiresAt the {@code exp} claim; empty for a token that never expires
     * @param actorId the {@code actorId} claim (else {@code sub}); may be empty
     */
    public record Claims(Optional<Instant> expiresAt, Optional<String> actorId) {}

    /**
     * Decodes a token's claims.
     *
     * @param token the token
     * @return the claims; empty when the token is not a JWT with a JSON object as claims
     */
    public static Optional<Claims> decode(Secret token) {
        return JwtClaims.of(token).flatMap(claims -> {
            try {
                JsonNode exp = claims.get("exp");
                Optional<Instant> expiresAt = exp != null && exp.canConvertToLong()
                        ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                        : Optional.empty();
                return Optional.of(new Claims(
                        expiresAt, JwtClaims.text(claims, "actorId").or(() -> JwtClaims.text(claims, "sub"))));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The urn of the user a token acts as: {@code urn:li:corpuser:} + its {@code actorId}.
     *
     * @param token the token
     * @return the urn, if the token names its actor
     */
    public static Optional<String> actorUrn(Secret token) {
        return decode(token).flatMap(Claims::actorId).map(id -> CORP_USER + id);
    }
}
