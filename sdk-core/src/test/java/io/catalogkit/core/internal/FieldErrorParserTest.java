package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** The generic reading of JSON error bodies, with field names a platform would give. */
class FieldErrorParserTest {
    final ErrorParser parser = TransportTest.PARSER;

    ErrorReport parse(int status, Object body) {
        return parser.parse(status, Headers.of(), Json.MAPPER.valueToTree(body));
    }

    @Test
    void readsCodeMessageAndRequestIdFromTheNamedFieldsInOrder() {
        assertThat(parse(404, Map.of("code", 404, "message", "gone")))
                .extracting(ErrorReport::errorCode, ErrorReport::message)
                .containsExactly("404", "gone");
        assertThat(parse(401, Map.of("error", "invalid_grant", "error_description", "Token expired")))
                .extracting(ErrorReport::errorCode, ErrorReport::message)
                .containsExactly("invalid_grant", "Token expired");
        assertThat(parse(401, Map.of("detail", "Refresh token provided is invalid.", "code", "401000")))
                .extracting(ErrorReport::errorCode, ErrorReport::message)
                .containsExactly("401000", "Refresh token provided is invalid.");
        assertThat(parse(400, Map.of("requestId", "r-1")).requestId()).isEqualTo("r-1");
    }

    @Test
    void aBodyThatIsNotAnObjectGivesNeitherCodeNorMessage() {
        assertThat(parse(500, List.of(1, 2)))
                .extracting(ErrorReport::errorCode, ErrorReport::message)
                .containsExactly(null, null);
        assertThat(parser.parse(502, Headers.of(), null).status()).isEqualTo(502);
    }

    @Test
    void aCodeRepeatedAsMessageIsNotAMessage() {
        assertThat(parse(400, Map.of("error", "bad_request")))
                .extracting(ErrorReport::errorCode, ErrorReport::message)
                .containsExactly("bad_request", null);
    }

    @Test
    void readsTheRequestIdFromTheFirstNamedHeader() {
        ErrorParser p =
                FieldErrorParser.builder().requestIdHeaders("X-One", "X-Two").build();
        assertThat(p.requestId(Headers.of("X-Two", "b", "X-One", "a"))).isEqualTo("a");
        assertThat(p.requestId(Headers.of("X-One", " ", "X-Two", "b"))).isEqualTo("b");
        assertThat(p.requestId(Headers.of())).isNull();
        assertThat(FieldErrorParser.builder()
                        .build()
                        .parse(400, Headers.of(), Json.MAPPER.valueToTree(Map.of("message", "m"))))
                .extracting(ErrorReport::errorCode, ErrorReport::message, ErrorReport::requestId)
                .containsExactly(null, null, null);
    }
}
