package io.catalogkit.tokens.atlan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.FieldErrorParser;
import io.catalogkit.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;

/**
 * Where Atlan's answers keep what went wrong (wire contract, error bodies): Atlas and Heracles put
 * {@code errorCode} or {@code code}, {@code errorMessage} or {@code message}, {@code errorCause},
 * {@code errorId}, {@code causes} and {@code requestId} in the body; the identity server {@code
 * error} and {@code error_description}; the gateway only {@code status} and {@code url}. As
 * atlan-java and pyatlan read them: the code falls back to the body's {@code status}, and the
 * {@code errorId} and {@code causes} stay in the message. Also the hints each call adds to a
 * failure's message.
 */
public final class AtlanErrors {
    /** The header catalogkit sends its request id in, as atlan-java does. */
    public static final String REQUEST_ID_HEADER = "X-Atlan-Request-Id";

    /** The most causes a message lists. */
    static final int MAX_CAUSES = 5;

    private static final FieldErrorParser FIELDS = FieldErrorParser.builder()
            .codeFields("errorCode", "code", "error")
            .messageFields("errorMessage", "message", "error_description", "errorCause", "error")
            .requestIdField("requestId")
            .requestIdHeaders(REQUEST_ID_HEADER, "X-Request-Id")
            .build();

    /** Atlan's error shapes. */
    public static final ErrorParser PARSER = new ErrorParser() {
        @Override
        public ErrorReport parse(int status, Headers headers, JsonNode body) {
            ErrorReport fields = FIELDS.parse(status, headers, body);
            if (body == null || !body.isObject()) {
                return fields;
            }
            String code = fields.errorCode() != null ? fields.errorCode() : Json.text(body.get("status"));
            List<String> parts = new ArrayList<>();
            if (fields.message() != null) {
                parts.add(fields.message());
            }
            String errorId = Json.text(body.get("errorId"));
            if (errorId != null) {
                parts.add("(errorId " + errorId + ")");
            }
            String causes = causes(body.get("causes"));
            if (causes != null) {
                parts.add("causes: " + causes);
            }
            return new ErrorReport(
                    status, code, parts.isEmpty() ? null : String.join(" ", parts), fields.requestId(), null);
        }

        @Override
        public String requestId(Headers headers) {
            return FIELDS.requestId(headers);
        }
    };

    /** What to do after a create that may or may not have reached Atlan. */
    static final String CREATE_LOOK_UP = "Before trying again, look the token up by name (retrieveByName) and purge"
            + " or keep what you find: it may have been created.";

    /** Hints for T2, create. */
    static final ApiRequest.ErrorHints CREATE =
            (status, code) -> status >= 500 ? "Atlan failed, but the token may exist anyway. " + CREATE_LOOK_UP : null;

    /** Hints for U1, the current user, read with the client's own key. */
    static final ApiRequest.ErrorHints CURRENT_USER = (status, code) -> status == 401
            ? "The client's own API key was refused (not the impersonation token): it may be wrong,"
                    + " expired or purged."
            : status == 403 ? "The client's own API key may not read its own user." : null;

    private AtlanErrors() {}

    /**
     * Hints for T3, update.
     *
     * @param guid the token's GUID
     * @return the hints
     */
    static ApiRequest.ErrorHints update(String guid) {
        return (status, code) -> status == 404
                ? "No API token has GUID " + guid + "; it may have been purged."
                : status == 400 ? "Check that every persona qualified name exists." : null;
    }

    /**
     * Hints for T4, purge.
     *
     * @param guid the token's GUID
     * @return the hints
     */
    static ApiRequest.ErrorHints purge(String guid) {
        return (status, code) -> status == 404 ? "No API token has GUID " + guid + "; it may be gone already." : null;
    }

    /**
     * Hints for A1 and A2 sent with an impersonation token: which credential a refusal is about.
     *
     * @param guid the asset's GUID
     * @param verb what the call does to the asset, {@code read} or {@code change}
     * @return the hints
     */
    static ApiRequest.ErrorHints impersonation(String guid, String verb) {
        return (status, code) -> {
            if (status == 401) {
                return "The impersonation token was refused (not the client's own API key): it may be wrong or"
                        + " expired; it must be the bearer token of a real user who administers the asset.";
            } else if (status == 403) {
                return "The impersonation token's user may not " + verb + " asset " + guid
                        + ": use the bearer token of a user who administers it.";
            } else if (status == 404) {
                return "Asset " + guid + " was not found by the impersonation token's user.";
            }
            return null;
        };
    }

    /** Atlas's {@code causes}: objects with {@code errorType}, {@code errorMessage}, {@code location}, or texts. */
    static String causes(JsonNode causes) {
        if (causes == null || !causes.isArray() || causes.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : causes) {
            if (out.size() == MAX_CAUSES) {
                out.add("(" + (causes.size() - MAX_CAUSES) + " more)");
                break;
            }
            String text;
            if (c.isObject()) {
                String type = Json.text(c.get("errorType"));
                String message = Json.text(c.get("errorMessage"));
                String location = Json.text(c.get("location"));
                text = (type == null ? "" : type + (message == null ? "" : ": "))
                        + (message == null ? "" : message)
                        + (location == null ? "" : " at " + location);
            } else {
                text = Json.text(c);
            }
            if (text != null && !text.isBlank()) {
                out.add(text);
            }
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }
}
