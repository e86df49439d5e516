package io.catalogkit.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;

/**
 * The one configured {@link ObjectMapper} catalogkit reads and writes JSON with, and the one lenient
 * way every platform reads fields of an answer: a field that is absent, null, blank or of another
 * shape reads as null, and the caller decides whether that is allowed (see {@link
 * Answer#malformed(String)}). Thread-safe.
 */
public final class Json {
    /** Unknown fields ignored, JSR-310 and {@code Optional} supported, nulls left out of requests. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    /**
     * A scalar as text: a string, number or boolean that is not blank.
     *
     * @param node the value, may be null
     * @return the text, or null when absent, null, blank, an object or an array
     */
    public static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    /**
     * A whole number sent as a JSON number or as a string ({@code 42}, {@code "42"}, {@code
     * "42.0"}).
     *
     * @param node the value, may be null
     * @return the number, or null when absent, null, not a whole number or out of {@code long}
     *     range
     */
    public static Long longValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber() || node.isTextual()) {
            String s = node.asText().trim();
            if (isShortInteger(s)) {
                // what BigDecimal would read, without making one (numbers as strings are common)
                return Long.parseLong(s);
            }
            try {
                return new BigDecimal(s).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** Digits, after an optional sign, few enough that they cannot overflow a {@code long}. */
    private static boolean isShortInteger(String s) {
        int n = s.length();
        int i = n > 1 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (n == i || n - i > 18) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A whole number in {@code int} range, read like {@link #longValue(JsonNode)}.
     *
     * @param node the value, may be null
     * @return the number, or null when absent, not a whole number or out of {@code int} range
     */
    public static Integer intValue(JsonNode node) {
        Long n = longValue(node);
        return n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? null : n.intValue();
    }

    /**
     * A field of an object.
     *
     * @param node the object, may be null or of another shape
     * @param field the field name
     * @return the field's value, or null when absent, JSON null, or {@code node} is not an object
     */
    public static JsonNode field(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }
}
