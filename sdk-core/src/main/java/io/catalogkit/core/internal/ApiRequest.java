package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One logical call: what to send and how to treat failures. Immutable; made by {@link #builder}.
 *
 * <p>The operation, not the HTTP method, decides {@link Builder#safeToRetry(boolean)}: a lookup
 * sent as POST may be safe, a create never is. Calls are unsafe unless marked.
 */
public final class ApiRequest {
    final String operation;
    final String method;
    /** Pairs: fixed segments (may hold {@code /}) at even, a user value to encode at odd indexes. */
    final List<String> path;

    final List<String> query;
    final Object body;
    final Map<String, String> headers;
    final Credentials credentials;
    final boolean safeToRetry;
    final Duration timeout;
    final ErrorHints hints;
    final String ambiguousFailureHint;
    final List<Secret> secrets;
    final int doneIfReplayAnswers;
    final Predicate<JsonNode> retryIfAnswer;

    private ApiRequest(Builder b) {
        this.operation = b.operation;
        this.method = b.method;
        this.path = new ArrayList<>(b.path);
        this.query = new ArrayList<>(b.query);
        this.body = b.body;
        this.headers = b.headers == null ? Map.of() : Map.copyOf(b.headers);
        this.credentials = b.credentials;
        this.safeToRetry = b.safeToRetry;
        this.timeout = b.timeout;
        this.hints = b.hints;
        this.ambiguousFailureHint = b.ambiguousFailureHint;
        this.secrets = b.secrets == null ? List.of() : List.copyOf(b.secrets);
        this.doneIfReplayAnswers = b.doneIfReplayAnswers;
        this.retryIfAnswer = b.retryIfAnswer;
    }

    /**
     * Starts a request.
     *
     * @param operation what the call does, for messages and logs, e.g. {@code "create API token"}
     * @param method the HTTP method
     * @return a builder
     */
    public static Builder builder(String operation, String method) {
        return new Builder(operation, method);
    }

    /**
     * What the call does.
     *
     * @return the operation name
     */
    public String operation() {
        return operation;
    }

    /**
     * The HTTP method.
     *
     * @return e.g. {@code GET}
     */
    public String method() {
        return method;
    }

    private static final ErrorHints NO_HINTS = (status, code) -> null;

    /** Per-status hints that replace the default hint of an error message. */
    @FunctionalInterface
    public interface ErrorHints {
        /**
         * A hint for this failure, or null for the default one.
         *
         * @param status the HTTP status (or the status an in-body error states)
         * @param errorCode the platform's code, or null
         * @return the hint, or null
         */
        String hint(int status, String errorCode);
    }

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final String operation;
        private final String method;
        private final List<String> path = new ArrayList<>(4);
        private final List<String> query = new ArrayList<>(4);
        private Object body;
        /** Made on first use: most calls have no extra header and no secret in the body. */
        private Map<String, String> headers;

        private Credentials credentials;
        private boolean safeToRetry;
        private Duration timeout;
        private ErrorHints hints = NO_HINTS;
        private String ambiguousFailureHint;
        private List<Secret> secrets;
        private int doneIfReplayAnswers;
        private Predicate<JsonNode> retryIfAnswer;

        private Builder(String operation, String method) {
            this.operation = Objects.requireNonNull(operation, "operation");
            this.method = Objects.requireNonNull(method, "method");
        }

        /**
         * Appends fixed path segments, e.g. {@code "api/service/apikeys"}; a trailing slash is kept.
         *
         * @param segments literal segments separated by {@code /}
         * @return this builder
         */
        public Builder path(String segments) {
            path.add(Objects.requireNonNull(segments, "segments"));
            path.add(null);
            return this;
        }

        /**
         * Appends one path segment taken from user input; it is percent-encoded.
         *
         * @param value the segment
         * @return this builder
         */
        public Builder pathParam(String value) {
            path.add(null);
            path.add(Objects.requireNonNull(value, "path parameter"));
            return this;
        }

        /**
         * Adds a query parameter; it is percent-encoded.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.add(Objects.requireNonNull(name, "query name"));
            query.add(value);
            return this;
        }

        /**
         * The body: an object written as JSON by {@link Json#MAPPER}, or an {@code okhttp3.RequestBody}
         * sent as it is (e.g. a form).
         *
         * @param body the body object
         * @return this builder
         */
        public Builder body(Object body) {
            this.body = body;
            return this;
        }

        /**
         * An extra header.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            if (headers == null) {
                headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Credentials for this call only, instead of the client's (e.g. an impersonation token).
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Marks the call safe to repeat: a read, or a write whose replay changes nothing.
         *
         * @param safe true when a replay cannot do harm
         * @return this builder
         */
        public Builder safeToRetry(boolean safe) {
            this.safeToRetry = safe;
            return this;
        }

        /**
         * This operation's own default: how long the whole operation may take and how long a read
         * may block, when longer than the client's (a create that the server may take minutes to
         * answer). A call timeout set explicitly on the client builder still bounds the operation.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Hints for error messages of this call.
         *
         * @param hints the hints
         * @return this builder
         */
        public Builder hints(ErrorHints hints) {
            this.hints = Objects.requireNonNull(hints, "hints");
            return this;
        }

        /**
         * What to tell the caller when an unsafe call failed after it may have reached the server.
         *
         * @param hint e.g. "look the token up by name before creating it again"
         * @return this builder
         */
        public Builder ambiguousFailureHint(String hint) {
            this.ambiguousFailureHint = hint;
            return this;
        }

        /**
         * Secrets in the body, redacted from messages should a server echo them.
         *
         * @param values the secrets
         * @return this builder
         */
        public Builder secrets(Secret... values) {
            for (Secret s : values) {
                if (s != null) {
                    if (secrets == null) {
                        secrets = new ArrayList<>();
                    }
                    secrets.add(s);
                }
            }
            return this;
        }

        /**
         * Treats this status as success on an attempt that follows one whose outcome is unknown: a
         * delete whose first attempt was sent and then lost (an I/O error after sending, a 502 or
         * 504 from a gateway) and whose replay finds the resource gone (404) has done its job. After
         * a 429 or 503, which say that nothing was done, or a failure before anything was sent, the
         * status keeps its usual meaning.
         *
         * @param status the status that means "already done" on a replay
         * @return this builder
         */
        public Builder doneIfReplayAnswers(int status) {
            this.doneIfReplayAnswers = status;
            return this;
        }

        /**
         * Treats a 2xx answer whose body the test accepts as a passing failure, repeated like a 503
         * by the retry policy (only for a call {@link #safeToRetry safe to repeat}): an answer that
         * reports, in a success status, that the server is not ready yet. When the retries run out
         * the last answer is returned as it came.
         *
         * @param test reads the answer's JSON, parsed once (the same tree {@link Transport#exchange}
         *     returns; not called for a body that is not JSON); should be cheap and never throw
         * @return this builder
         */
        public Builder retryIfAnswer(Predicate<JsonNode> test) {
            this.retryIfAnswer = test;
            return this;
        }

        /**
         * Freezes the request.
         *
         * @return the request
         */
        public ApiRequest build() {
            return new ApiRequest(this);
        }
    }
}
