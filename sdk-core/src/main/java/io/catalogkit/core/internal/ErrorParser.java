package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;

/**
 * What a platform knows about its own answers: where its error bodies keep code, message and
 * request id, and which headers carry a request id. Each platform hands one to its {@link
 * Transport}; the core knows no platform's shapes.
 */
public interface ErrorParser {
    /**
     * Reads an error answer.
     *
     * @param status the HTTP status
     * @param headers the answer's headers
     * @param body the parsed body, or null when it was empty, too long or not JSON
     * @return what it said (the request id may be null: the transport then falls back to the id
     *     from the headers or the one it sent); its status picks the exception type, normally the
     *     HTTP status, or the one the body states when it means another (e.g. 401 for an OAuth
     *     {@code invalid_client} sent as 400)
     */
    ErrorReport parse(int status, Headers headers, JsonNode body);

    /**
     * The request id an answer carries in its headers.
     *
     * @param headers the answer's headers
     * @return the id, or null when none
     */
    String requestId(Headers headers);
}
