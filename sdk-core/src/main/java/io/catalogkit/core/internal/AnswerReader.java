package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
