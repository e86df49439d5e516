package io.catalogkit.tokens.datahub.internal;

import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.FieldErrorParser;

/**
 * Where DataHub's HTTP error answers keep what went wrong (wire contract, error shapes): before
 * GraphQL runs, the servlet container's page (often not JSON; Spring-style {@code error} and {@code
 * message} when it is). Errors inside a 2xx GraphQL answer are read by {@link GraphQl}.
 */
public final class DataHubErrors {
    /** The header catalogkit sends its request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** DataHub's HTTP error shapes. */
    public static final ErrorParser PARSER = FieldErrorParser.builder()
            .codeFields("code", "error")
            .messageFields("message", "error")
            .requestIdHeaders(REQUEST_ID_HEADER)
            .build();

    private DataHubErrors() {}
}
