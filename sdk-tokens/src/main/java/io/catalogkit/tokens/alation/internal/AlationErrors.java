package io.catalogkit.tokens.alation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.FieldErrorParser;
import io.catalogkit.core.internal.Json;
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

    private AlationErrors() {}

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
