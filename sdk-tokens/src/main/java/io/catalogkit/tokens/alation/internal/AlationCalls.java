package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import java.util.Objects;
import okhttp3.Headers;

/**
 * Sends Alation token-endpoint calls: POST, JSON body, no {@code TOKEN} header (the transport's
 * credentials are none), the endpoint's retry rule, and hints for the errors that have a known
 * cause. A 2xx answer with {@code "status": "failed"} becomes an error, as Alation's own SDK
 * (Allie-SDK) reads it: 400, except 401 for validate API access token.
 */
public final class AlationCalls {
    /** What a 401 from an endpoint that takes a refresh token means, and what to do. */
    static final String REFRESH_TOKEN_REJECTED = "The refresh token is invalid, expired or revoked, or does not"
            + " belong to that user id. Create a new refresh token (in Alation under Profile > Authentication, or"
            + " with refreshTokens().create); regenerating needs one that is still valid.";

    static final String ACCESS_TOKEN_REJECTED =
            "The API access token is invalid, expired or revoked, or was not minted for that user id;"
                    + " mint a new one from the refresh token.";

    static final String SSO_HINT = "Users who sign in through SSO/SAML cannot create refresh tokens over the API;"
            + " they create them in the Alation UI (Profile > Authentication).";

    static final String BAD_CREDENTIALS = "Check the username and password. " + SSO_HINT;

    private final Transport transport;

    /**
     * Wraps the client's transport.
     *
     * @param transport the transport, whose default credentials are none
     */
    public AlationCalls(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Starts a request to a token endpoint.
     *
     * @param endpoint the endpoint
     * @param body the JSON body ({@link TokenRequest}) or a form ({@code okhttp3.FormBody})
     * @param secrets the secrets in the body, redacted from messages
     * @return the builder, for hints
     */
    ApiRequest.Builder request(Endpoint endpoint, Object body, Secret... secrets) {
        return ApiRequest.builder(endpoint.operation, "POST")
                .path(endpoint.path)
                .body(body)
                .safeToRetry(endpoint.safeToRetry)
                .secrets(secrets);
    }

    /**
     * Sends a request and returns its successful answer.
     *
     * @param request the request
     * @return the answer
     * @throws io.catalogkit.core.ApiException for a 2xx answer with {@code "status": "failed"}: 400
     *     with the body's {@code detail}, or {@link io.catalogkit.core.AuthenticationException} (401)
     *     for validate API access token
     */
    Answer send(ApiRequest request) {
        Answer ex = transport.exchange(request);
        JsonNode status = Json.field(ex.body(), "status");
        if (status != null && status.isTextual() && status.asText().trim().equalsIgnoreCase("failed")) {
            // An older server's in-body failure; Allie-SDK reads it as 400, or 401 for an access
            // token that does not validate.
            int stated = request.operation().equals(Endpoint.VALIDATE_ACCESS_TOKEN.operation) ? 401 : 400;
            ErrorReport parsed = AlationErrors.PARSER.parse(stated, Headers.of(), ex.body());
            throw ex.fail(ErrorReport.of(stated, parsed.errorCode(), parsed.message()));
        }
        return ex;
    }

    /**
     * Sends a request and returns its successful answer, required to be a JSON object.
     *
     * @param request the request
     * @return the answer, to read fields from
     */
    Answer sendForObject(ApiRequest request) {
        Answer answer = send(request);
        answer.requireObject("a JSON object");
        return answer;
    }

    /** Hints for calls that take a refresh token: a 401 means it must be replaced. */
    static ApiRequest.ErrorHints refreshTokenHints() {
        return (status, code) -> status == 401 ? REFRESH_TOKEN_REJECTED : null;
    }

    /**
     * Requires an Alation user id: from 1 to {@link Integer#MAX_VALUE}.
     *
     * @param userId the argument
     * @throws IllegalArgumentException when it is outside
     */
    public static void checkUserId(long userId) {
        // Alation's user ids are 32-bit database keys.
        Args.between(userId, 1, Integer.MAX_VALUE, "userId");
    }
}
