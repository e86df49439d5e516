package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.OAuthTokenService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import okhttp3.FormBody;

/**
 * {@link OAuthTokenService} over Alation's O1 and O2 endpoints (wire contract section 7):
 * form-encoded bodies with the client credentials in them, RFC 6749 errors read by {@link
 * AlationErrors}. Thread-safe.
 */
public final class OAuthTokens implements OAuthTokenService {
    /** What an OAuth client that is not accepted means, and what to do. */
    static final String BAD_CLIENT = "Check the client id and secret: the OAuth client may have been deleted or"
            + " its secret regenerated (Settings > Authentication in Alation).";

    static final String NO_CLIENT_CREDENTIALS = "This server does not accept the client-credentials grant: OAuth"
            + " clients need Alation Cloud Service 2023.3 or later; use a refresh token instead.";

    private static final ApiRequest.ErrorHints HINTS = (status, code) -> {
        if ("unsupported_grant_type".equals(code) || "unauthorized_client".equals(code)) {
            return NO_CLIENT_CREDENTIALS;
        }
        return status == 401 ? BAD_CLIENT : null;
    };

    private final AlationCalls calls;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param calls the calls
     * @param clock the client's clock, which expiries are counted on
     */
    public OAuthTokens(AlationCalls calls, Clock clock) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AccessToken mint(String clientId, Secret clientSecret) {
        FormBody body =
                withClient(new FormBody.Builder().add("grant_type", "client_credentials"), clientId, clientSecret);
        Instant sent = clock.instant();
        Answer answer = calls.sendForObject(calls.request(Endpoint.OAUTH_TOKEN, body, clientSecret)
                .hints(HINTS)
                .build());
        Secret jwt = Secret.of(AlationJson.requiredText(answer, "access_token"));
        JsonNode claims = claims(jwt);
        Long expiresIn = Json.longValue(Json.field(answer.body(), "expires_in"));
        Instant expires;
        if (expiresIn != null && expiresIn > 0) {
            expires = sent.plus(Duration.ofSeconds(expiresIn));
        } else if (expiresIn == null && epoch(claims, "exp") != null) {
            expires = epoch(claims, "exp");
        } else {
            throw answer.malformed("a JSON object with a positive number 'expires_in'");
        }
        return AccessToken.builder()
                .secret(jwt)
                .owner(Json.text(Json.field(claims, "sub")))
                .createdAt(sent)
                .expiresAt(expires)
                .status(TokenStatus.ACTIVE)
                .build();
    }

    @Override
    public AccessToken introspect(Secret jwt, String clientId, Secret clientSecret) {
        Args.notNull(jwt, "jwt");
        FormBody body = withClient(
                new FormBody.Builder().add("token", jwt.reveal()).add("token_type_hint", "access_token"),
                clientId,
                clientSecret);
        Answer answer = calls.sendForObject(calls.request(Endpoint.OAUTH_INTROSPECT, body, jwt, clientSecret)
                .query("verify_token", "true")
                .hints(HINTS)
                .build());
        JsonNode active = Json.field(answer.body(), "active");
        if (active == null || !active.isBoolean()) {
            throw answer.malformed("a JSON object with a boolean 'active'");
        }
        if (active.booleanValue()) {
            JsonNode c = answer.body();
            return AccessToken.builder()
                    .id(Json.text(Json.field(c, "jti")))
                    .name(Json.text(Json.field(c, "client_id")))
                    .owner(Json.text(Json.field(c, "sub")))
                    .createdAt(epoch(c, "iat"))
                    .expiresAt(epoch(c, "exp"))
                    .status(TokenStatus.ACTIVE)
                    .build();
        }
        // An inactive answer says nothing more: the token's own claims tell expired from revoked.
        JsonNode own = claims(jwt);
        Instant exp = epoch(own, "exp");
        return AccessToken.builder()
                .id(Json.text(Json.field(own, "jti")))
                .name(Json.text(Json.field(own, "client_id")))
                .owner(Json.text(Json.field(own, "sub")))
                .createdAt(epoch(own, "iat"))
                .expiresAt(exp)
                .status(exp == null || !exp.isAfter(clock.instant()) ? TokenStatus.EXPIRED : TokenStatus.REVOKED)
                .build();
    }

    private static FormBody withClient(FormBody.Builder form, String clientId, Secret clientSecret) {
        Args.id(clientId, "clientId");
        Args.notNull(clientSecret, "clientSecret");
        return form.add("client_id", clientId)
                .add("client_secret", clientSecret.reveal())
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
