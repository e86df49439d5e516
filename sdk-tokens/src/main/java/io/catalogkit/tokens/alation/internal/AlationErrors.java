package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.FieldErrorParser;
import io.catalogkit.core.internal.Json;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.internal.Hints;
import java.util.Set;
import okhttp3.Headers;

/**
 * Where Alation's answers keep what went wrong (wire contract, error bodies): {@code detail} and
 * {@code code} (a six-digit string such as {@code 401000}), sometimes {@code title}; the OAuth
 * endpoints RFC 6749's {@code error} and {@code error_description} (with Alation's {@code code}
 * added). For an RFC 6749 error the error code is its {@code error} ({@code invalid_client}...),
 * and a client that is not accepted ({@code invalid_client}, {@code unauthorized_client}, {@code
 * invalid_grant}) is an authentication failure whatever the status (RFC 6749 allows 400). No
 * request-id header is known; a generic {@code X-Request-Id} is read if a proxy adds one.
 *
 * <p>Also what Alation's errors mean for each call: the hints that say what to do, and the two
 * failures a 2xx answer can carry (an in-body {@code "status": "failed"}, a minted token that is not
 * active).
 */
public final class AlationErrors implements ErrorParser {
    /** The header catalogkit sends its request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** The RFC 6749 (section 5.2) and RFC 7009 error codes. */
    private static final Set<String> OAUTH_ERRORS = Set.of(
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "unsupported_token_type");

    /** The OAuth errors that say the client's credentials were not accepted. */
    private static final Set<String> OAUTH_AUTH_ERRORS =
            Set.of("invalid_client", "unauthorized_client", "invalid_grant");

    private static final ErrorParser FIELDS = FieldErrorParser.builder()
            .codeFields("code", "error")
            .messageFields("message", "detail", "error_description", "title", "error")
            .requestIdHeaders(REQUEST_ID_HEADER)
            .build();

    /** Alation's error shapes. */
    public static final ErrorParser PARSER = new AlationErrors();

    /** What a 401 from an endpoint that takes a refresh token means, and what to do. */
    static final String REFRESH_TOKEN_REJECTED = "The refresh token is invalid, expired or revoked, or does not"
            + " belong to that user id. Create a new refresh token (in Alation under Profile > Authentication, or"
            + " with refreshTokens().create); regenerating needs one that is still valid.";

    /** What a 401 from validate API access token means, and what to do. */
    static final String ACCESS_TOKEN_REJECTED =
            "The API access token is invalid, expired or revoked, or was not minted for that user id;"
                    + " mint a new one from the refresh token.";

    /** Why a user may not be able to create a refresh token over the API. */
    static final String SSO_HINT = "Users who sign in through SSO/SAML cannot create refresh tokens over the API;"
            + " they create them in the Alation UI (Profile > Authentication).";

    /** What a 401 from create refresh token means, and what to do. */
    static final String BAD_CREDENTIALS = "Check the username and password. " + SSO_HINT;

    /** What an OAuth client that is not accepted means, and what to do. */
    static final String BAD_CLIENT = "Check the client id and secret: the OAuth client may have been deleted or"
            + " its secret regenerated (Settings > Authentication in Alation).";

    /** What a server without the client-credentials grant means, and what to do. */
    static final String NO_CLIENT_CREDENTIALS = "This server does not accept the client-credentials grant: OAuth"
            + " clients need Alation Cloud Service 2023.3 or later; use a refresh token instead.";

    /** What to do when create refresh token failed without a clear answer. */
    static final String MAY_HAVE_CREATED = "A refresh token may have been created. Refresh tokens cannot be listed or"
            + " revoked over the API: look under Profile > Authentication in the Alation UI before"
            + " creating another.";

    /** What to do when regenerate refresh token failed without a clear answer. */
    static final String MAY_HAVE_REGENERATED = "The refresh token may have been regenerated, which invalidates the old"
            + " value; validate the old one, and if it is no longer valid, create a new refresh token.";

    /** What to do when create API access token failed without a clear answer. */
    static final String MAY_HAVE_MINTED = "An access token may have been minted; it expires on its own, so minting"
            + " again only adds one more: reuse the one you hold while it validates.";

    private AlationErrors() {}

    /** Hints for calls that take a refresh token: a 401 means it must be replaced. */
    static ApiRequest.ErrorHints refreshTokenHints() {
        return (status, code) -> status == 401 ? REFRESH_TOKEN_REJECTED : null;
    }

    /** Hints for validate API access token: a 401 means a new one must be minted. */
    static ApiRequest.ErrorHints accessTokenHints() {
        return (status, code) -> status == 401 ? ACCESS_TOKEN_REJECTED : null;
    }

    /**
     * Hints for create refresh token: a 401 names the credentials, another 4xx the SSO rule (408
     * and 429 say nothing about the user: no hint for them); and what to look at first when it may
     * have created a token.
     */
    static ApiRequest.ErrorHints credentialsHints() {
        return Hints.mayHaveActed(
                (status, code) -> status == 401
                        ? BAD_CREDENTIALS
                        : status >= 400 && status < 500 && status != 408 && status != 429 ? SSO_HINT : null,
                MAY_HAVE_CREATED);
    }

    /** Hints for the OAuth endpoints: a grant the server does not know, a client it does not accept. */
    static ApiRequest.ErrorHints oauthHints() {
        return (status, code) -> {
            if ("unsupported_grant_type".equals(code) || "unauthorized_client".equals(code)) {
                return NO_CLIENT_CREDENTIALS;
            }
            return status == 401 ? BAD_CLIENT : null;
        };
    }

    /**
     * An older server's in-body failure: a 2xx answer with {@code "status": "failed"}, read as
     * Alation's own SDK (Allie-SDK) reads it.
     *
     * @param body the answer's body
     * @param stated the status it stands for: 400, or 401 for validate API access token
     * @return the error, with the body's code and message; null when the body is no such failure
     */
    static ErrorReport inBodyFailure(JsonNode body, int stated) {
        JsonNode status = Json.field(body, "status");
        if (status == null || !status.isTextual() || !status.asText().trim().equalsIgnoreCase("failed")) {
            return null;
        }
        ErrorReport parsed = PARSER.parse(stated, Headers.of(), body);
        return ErrorReport.of(stated, parsed.errorCode(), parsed.message());
    }

    /**
     * A minted access token that is not active: older servers mint from an expired refresh token
     * and report it in the status only. A 401, so that the refresh token's hints apply.
     *
     * @param status the status the token came back with
     * @return the error
     */
    static ErrorReport mintedInactive(TokenStatus status) {
        return ErrorReport.of(
                401, null, "the access token came back with token_status " + status + " instead of ACTIVE");
    }

    @Override
    public ErrorReport parse(int status, Headers headers, JsonNode body) {
        ErrorReport fields = FIELDS.parse(status, headers, body);
        String oauth = Json.text(Json.field(body, "error"));
        if (oauth == null || !OAUTH_ERRORS.contains(oauth)) {
            return fields;
        }
        int stated = OAUTH_AUTH_ERRORS.contains(oauth) ? 401 : status;
        String description = Json.text(Json.field(body, "error_description"));
        return new ErrorReport(
                stated,
                oauth,
                description != null ? description : fields.message(),
                fields.requestId(),
                fields.retryAfter());
    }

    @Override
    public String requestId(Headers headers) {
        return FIELDS.requestId(headers);
    }
}
