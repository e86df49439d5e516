package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.MalformedResponseException;
import java.util.List;
import java.util.Optional;

/**
 * A successful answer, read once: its status and JSON body, and the means to report what is wrong
 * with it, so that a platform reads every answer the same way: fields with {@link Json}'s lenient
 * accessors, and {@link #malformed(String)} for what is missing. Immutable.
 */
public final class Answer {
    private final ApiRequest request;
    private final ErrorMapper errors;
    private final Credentials credentials;
    private final int status;
    private final String path;
    private final String contentType;
    private final String requestId;
    private final JsonNode body;

    Answer(
            ApiRequest request,
            ErrorMapper errors,
            Credentials credentials,
            int status,
            String path,
            String contentType,
            String requestId,
            JsonNode body) {
        this.request = request;
        this.errors = errors;
        this.credentials = credentials;
        this.status = status;
        this.path = path;
        this.contentType = contentType;
        this.requestId = requestId;
        this.body = body;
    }

    /**
     * The HTTP status: 2xx, or the status that {@link ApiRequest.Builder#doneIfReplayAnswers(int)}
     * accepted.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The URL path sent.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * The request id from the answer's headers, else the one sent.
     *
     * @return the id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The parsed body.
     *
     * @return the JSON, or null when the body was empty
     */
    public JsonNode body() {
        return body;
    }

    /**
     * The body when it is a JSON object.
     *
     * @return the object, or empty
     */
    public Optional<JsonNode> object() {
        return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
    }

    /**
     * The body, required to be a JSON object.
     *
     * @param what what was expected, for the message, e.g. {@code "a JSON object with records"}
     * @return the object
     * @throws MalformedResponseException when it is not one
     */
    public JsonNode requireObject(String what) {
        if (body == null || !body.isObject()) {
            throw malformed(what);
        }
        return body;
    }

    /**
     * An exception saying this answer is not what the platform sends.
     *
     * @param what what was expected or missing (never the value received)
     * @return the exception, to be thrown
     */
    public MalformedResponseException malformed(String what) {
        return errors.malformed(request, path, status, contentType, what, Credentials.secrets(credentials));
    }

    /**
     * Server text (an id, a user name, a list of GUIDs) made fit for a message or a log line:
     * cleaned of every secret the client holds and of this request's, escaped, cut to a bound.
     * Call it only on the message path.
     *
     * @param serverText the text, may be null
     * @return the cleaned text, or null
     */
    public String quote(String serverText) {
        List<io.catalogkit.core.Secret> secrets = new java.util.ArrayList<>(request.secrets);
        secrets.addAll(Credentials.secrets(credentials));
        return errors.redactor().clean(serverText, secrets);
    }

    /**
     * The client's redactor, for messages built after this answer was read.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return errors.redactor();
    }

    /**
     * An exception for an error the platform reported inside this 2xx answer.
     *
     * @param report what the body said
     * @return the exception its status stands for, to be thrown
     */
    public ApiException fail(ErrorReport report) {
        return errors.toException(
                request, path, status, report.withRequestIdIfAbsent(requestId), Credentials.secrets(credentials));
    }
}
