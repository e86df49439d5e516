package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import okio.Buffer;

/**
 * The pipeline's reading stage: a 2xx body becomes JSON, parsed once, either as a tree or straight
 * into a type. An empty or blank body reads as null. What does not parse is reported by what was
 * expected, never by the text received.
 */
final class AnswerReader {
    private AnswerReader() {}

    /**
     * Parses a body as a tree.
     *
     * @param body the bytes, or null when the body was too long
     * @return the tree, or null for an empty body
     * @throws Unreadable when it is not JSON
     */
    static JsonNode tree(Buffer body) throws Unreadable {
        if (body == null) {
            throw new Unreadable("a JSON body of at most " + HttpSender.MAX_BODY_BYTES / (1024 * 1024) + " MB");
        }
        if (isBlank(body)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body.inputStream());
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("a JSON body");
        }
    }

    /**
     * Parses a body straight into a type.
     *
     * @param body the bytes, or null when the body was too long
     * @param type the type
     * @param <T> the type
     * @return the value, or null for an empty body or JSON {@code null}
     * @throws Unreadable when it is not JSON of that type, naming the field that did not fit
     */
    static <T> T typed(Buffer body, JavaType type) throws Unreadable {
        if (body == null) {
            throw new Unreadable("a JSON body of at most " + HttpSender.MAX_BODY_BYTES / (1024 * 1024) + " MB");
        }
        if (isBlank(body)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(body.inputStream(), type);
        } catch (IOException | RuntimeException e) {
            throw notOfType(e, type);
        }
    }

    /**
     * Reads an answer already parsed as a tree into a type (after a retry test read it).
     *
     * @param tree the answer's JSON, or null for a blank body
     * @param type the type
     * @param <T> the result type
     * @return the value, or null for a blank body
     * @throws Unreadable when the JSON is not of that type (naming the field, never its value)
     */
    static <T> T typedFromTree(JsonNode tree, JavaType type) throws Unreadable {
        if (tree == null) {
            return null;
        }
        try {
            return Json.MAPPER.readerFor(type).readValue(tree);
        } catch (IOException | RuntimeException e) {
            throw notOfType(e, type);
        }
    }

    /** What a failed typed read says: the field that did not fit when Jackson names it, never its value. */
    private static Unreadable notOfType(Exception e, JavaType type) {
        return e instanceof MismatchedInputException m
                ? new Unreadable("JSON of the expected shape (field '" + m.getPathReference() + "' did not fit)")
                : new Unreadable(
                        "JSON of the expected shape (" + type.getRawClass().getSimpleName() + ")");
    }

    private static boolean isBlank(Buffer bytes) {
        for (long i = 0, n = bytes.size(); i < n; i++) {
            byte b = bytes.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A body that is not what was expected; the message says what was. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String expected) {
            super(expected, null, false, false);
        }
    }
}
