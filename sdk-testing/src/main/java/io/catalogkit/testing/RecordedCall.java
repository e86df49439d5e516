package io.catalogkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A request a fake received, as it came over the wire. Immutable.
 *
 * @param method the HTTP method
 * @param url the full URL, query included
 * @param headers the request headers
 * @param body the body as UTF-8 text, empty when there was none
 */
public record RecordedCall(String method, HttpUrl url, Headers headers, String body) {
    /**
     * The URL path, percent-decoded, e.g. {@code /api/service/apikeys}.
     *
     * @return the path
     */
    public String path() {
        return "/" + String.join("/", url.pathSegments());
    }

    /**
     * A query parameter, percent-decoded.
     *
     * @param name the parameter name
     * @return its first value, if present
     */
    public Optional<String> query(String name) {
        return Optional.ofNullable(url.queryParameter(name));
    }

    /**
     * The names of all query parameters, in order.
     *
     * @return the names
     */
    public List<String> queryNames() {
        return List.copyOf(url.queryParameterNames());
    }

    /**
     * A header value (name case-insensitive).
     *
     * @param name the header name
     * @return the value, if present
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * The method, path, query parameter names, header names and body length, never a value that may
     * be a secret (a body may hold a password or a token, a header a credential), as catalogkit's
     * clients print requests. Read {@link #body()}, {@link #json()} or {@link #header(String)} for
     * the values.
     *
     * @return e.g. {@code RecordedCall[POST /api/service/apikeys, query=[], headers=[Authorization,
     *     Content-Type], body=[redacted, 58 chars]]}
     */
    @Override
    public String toString() {
        return "RecordedCall[" + method + " " + path() + ", query=" + queryNames() + ", headers="
                + List.copyOf(headers.names()) + ", body="
                + (body.isEmpty() ? "none" : "[redacted, " + body.length() + " chars]") + "]";
    }

    /**
     * The body parsed as JSON.
     *
     * @return the JSON tree; a missing node when the body was empty
     * @throws UncheckedIOException when the body is not JSON
     */
    public JsonNode json() {
        if (body.isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return FakeJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not JSON", e);
        }
    }
}
