package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.FieldErrorParser;
import io.catalogkit.core.internal.Json;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Where DataHub's HTTP error answers keep what went wrong (wire contract, error shapes): a GraphQL
 * {@code errors} array (DataHub answers some with a 4xx or 5xx status: a document its schema
 * rejects, a resolver that crashed), else the servlet container's page (often not JSON;
 * Spring-style {@code error} and {@code message} when it is). Errors inside a 2xx GraphQL answer
 * are read by {@link DataHubApi}.
 */
public final class DataHubErrors {
    /** The header catalogkit sends its request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final FieldErrorParser PAGE = FieldErrorParser.builder()
            .codeFields("code", "error")
            .messageFields("message", "error")
            .requestIdHeaders(REQUEST_ID_HEADER)
            .build();

    /** DataHub's HTTP error shapes. */
    public static final ErrorParser PARSER = new ErrorParser() {
        @Override
        public ErrorReport parse(int status, Headers headers, JsonNode body) {
            JsonNode first = body == null ? null : body.path("errors").path(0);
            if (first == null || !first.isObject()) {
                return PAGE.parse(status, headers, body);
            }
            JsonNode ext = first.path("extensions");
            String code = Json.text(ext.get("type"));
            if (code == null) {
                code = Json.text(ext.get("classification"));
            }
            return ErrorReport.of(status, code, Json.text(first.get("message")));
        }

        @Override
        public String requestId(Headers headers) {
            return PAGE.requestId(headers);
        }
    };

    private DataHubErrors() {}

    /**
     * Whether an error is DataHub's resolver crashing on a token it does not hold: {@code
     * getAccessTokenMetadata} of an unknown or revoked token dereferences the missing record and
     * answers a 500 that wraps the {@code NullPointerException}.
     *
     * @param status the status the error stands for
     * @param message its message, may be null
     * @return true for that shape
     */
    public static boolean isMissingTokenCrash(int status, String message) {
        return status == 500 && message != null && message.contains("NullPointerException");
    }

    /**
     * The {@link NotFoundException} a missing-token crash answered with HTTP 500 stands for.
     *
     * @param e the exception the transport raised
     * @return the not-found exception, when {@code e} is that shape
     */
    public static Optional<NotFoundException> missingTokenCrash(ServerException e) {
        if (!isMissingTokenCrash(e.statusCode(), e.getMessage())) {
            return Optional.empty();
        }
        return Optional.of(new NotFoundException(
                "DataHub get access token metadata: DataHub holds no such token: it is unknown to this server,"
                        + " revoked, or expired (the server answered " + e.statusCode()
                        + " with a NullPointerException, its way of saying so).",
                404,
                e.requestId().orElse(null),
                e.errorCode().orElse(null),
                e.method(),
                e.path()));
    }
}
