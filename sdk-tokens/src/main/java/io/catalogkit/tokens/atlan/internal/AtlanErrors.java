package io.catalogkit.tokens.atlan.internal;

import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.FieldErrorParser;

/**
 * Where Atlan's answers keep what went wrong (wire contract, error bodies): Atlas and Heracles put
 * {@code errorCode} or {@code code}, {@code errorMessage} or {@code message}, {@code errorCause}
 * and {@code requestId} in the body; the identity server {@code error} and {@code
 * error_description}; the gateway only {@code status} and {@code url}.
 */
public final class AtlanErrors {
    /** The header catalogkit sends its request id in, as atlan-java does. */
    public static final String REQUEST_ID_HEADER = "X-Atlan-Request-Id";

    /** Atlan's error shapes. */
    public static final ErrorParser PARSER = FieldErrorParser.builder()
            .codeFields("errorCode", "code", "error")
            .messageFields("errorMessage", "message", "error_description", "errorCause", "error")
            .requestIdField("requestId")
            .requestIdHeaders(REQUEST_ID_HEADER, "X-Request-Id")
            .build();

    private AtlanErrors() {}
}
