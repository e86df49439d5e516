package io.catalogkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields of a token-endpoint body the way Alation accepts them: JSON, form-encoded or
 * multipart. Values become text, so {@code user_id} may arrive as a number or a string.
 */
final class FakeAlationForms {
    private FakeAlationForms() {}

    /**
     * The body's fields.
     *
     * @param call the request
     * @return field name to text value (nested values are skipped)
     * @throws IllegalArgumentException when the body cannot be read
     */
    static Map<String, String> parse(RecordedCall call) {
        String type = call.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return form(call.body());
        }
        if (type.startsWith("multipart/form-data")) {
            return multipart(call.body(), boundary(call.header("Content-Type").orElse("")));
        }
        return json(call);
    }

    private static Map<String, String> json(RecordedCall call) {
        Map<String, String> out = new LinkedHashMap<>();
        if (call.body().isBlank()) {
            return out;
        }
        JsonNode node;
        try {
            node = call.json();
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(decode(name), decode(value));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() >= 2 ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new IllegalArgumentException("multipart body without a boundary");
    }

    private static Map<String, String> multipart(String body, String boundary) {
        Map<String, String> out = new LinkedHashMap<>();
        String delimiter = "--" + boundary;
        for (String part : body.split(java.util.regex.Pattern.quote(delimiter))) {
            if (part.isBlank() || part.startsWith("--")) {
                continue;
            }
            String p = part.startsWith("\r\n") ? part.substring(2) : part;
            int split = p.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = p.substring(0, split);
            String value = p.substring(split + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            String name = fieldName(headers);
            if (name != null) {
                out.putIfAbsent(name, value);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");

    private static String fieldName(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                continue;
            }
            java.util.regex.Matcher m = NAME.matcher(line.substring(colon + 1));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
