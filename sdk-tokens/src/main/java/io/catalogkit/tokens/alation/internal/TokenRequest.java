package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.catalogkit.core.Secret;

/**
 * The JSON body of a token-endpoint call. Secrets are revealed only here, where they must go on
 * the wire; this class has no {@code toString} that could print them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class TokenRequest {
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
