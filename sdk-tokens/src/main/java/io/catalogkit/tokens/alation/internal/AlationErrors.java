package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.FieldErrorParser;

/**
 * Where Alation's answers keep what went wrong (wire contract, error bodies): {@code detail} and
 * {@code code} (a six-digit string such as {@code 401000}), sometimes {@code title}; the OAuth
 * endpoints {@code error} and {@code error_description}. No request-id header is known; a generic
 * {@code X-Request-Id} is read if a proxy adds one.
 */
public final class AlationErrors {
    /** The header catalogkit sends its request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Alation's error shapes. */
    public static final ErrorParser PARSER = FieldErrorParser.builder()
            .codeFields("code", "error")
            .messageFields("message", "detail", "error_description", "title", "error")
            .requestIdHeaders(REQUEST_ID_HEADER)
            .build();

    private AlationErrors() {}
}
