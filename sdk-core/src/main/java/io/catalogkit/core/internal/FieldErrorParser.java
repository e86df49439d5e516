package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.Headers;

/**
 * An {@link ErrorParser} for JSON error bodies that keep their code and message in top-level fields,
 * tried in the order given. A platform names its fields and headers; the reading is the same for
 * all. Immutable.
 */
public final class FieldErrorParser implements ErrorParser {
    private final List<String> codeFields;
    private final List<String> messageFields;
    private final String requestIdField;
    private final List<String> requestIdHeaders;

    private FieldErrorParser(Builder b) {
        this.codeFields = b.codeFields;
        this.messageFields = b.messageFields;
        this.requestIdField = b.requestIdField;
        this.requestIdHeaders = b.requestIdHeaders;
    }

    /**
     * Starts a parser.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ErrorReport parse(int status, Headers headers, JsonNode body) {
        if (body == null || !body.isObject()) {
            return ErrorReport.of(status, null, null);
        }
        String code = first(body, codeFields, null);
        String message = first(body, messageFields, code);
        String requestId = requestIdField == null ? null : Json.text(body.get(requestIdField));
        return new ErrorReport(status, code, message, requestId, null);
    }

    /** The first field with text, skipping a value equal to {@code not} (a code repeated as message). */
    private static String first(JsonNode body, List<String> fields, String not) {
        for (String f : fields) {
            String s = Json.text(body.get(f));
            if (s != null && !s.equals(not)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String requestId(Headers headers) {
        for (String h : requestIdHeaders) {
            String v = headers.get(h);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Builds a {@link FieldErrorParser}. */
    public static final class Builder {
        private List<String> codeFields = List.of();
        private List<String> messageFields = List.of();
        private String requestIdField;
        private List<String> requestIdHeaders = List.of();

        private Builder() {}

        /**
         * The fields that may hold the platform's error code, first match wins.
         *
         * @param fields field names
         * @return this builder
         */
        public Builder codeFields(String... fields) {
            this.codeFields = List.of(fields);
            return this;
        }

        /**
         * The fields that may hold the message, first match wins (a value equal to the code is
         * skipped).
         *
         * @param fields field names
         * @return this builder
         */
        public Builder messageFields(String... fields) {
            this.messageFields = List.of(fields);
            return this;
        }

        /**
         * The body field that may hold a request id.
         *
         * @param field the field name
         * @return this builder
         */
        public Builder requestIdField(String field) {
            this.requestIdField = field;
            return this;
        }

        /**
         * The answer headers that may hold a request id, first match wins.
         *
         * @param headers header names
         * @return this builder
         */
        public Builder requestIdHeaders(String... headers) {
            this.requestIdHeaders = List.of(headers);
            return this;
        }

        /**
         * Freezes the parser.
         *
         * @return the parser
         */
        public FieldErrorParser build() {
            return new FieldErrorParser(this);
        }
    }
}
