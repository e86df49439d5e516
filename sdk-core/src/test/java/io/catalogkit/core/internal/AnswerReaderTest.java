package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading stage alone: bytes to JSON, once, never quoting what did not parse. */
class AnswerReaderTest {
    record Thing(int count, String name) {}

    static okio.Buffer bytes(String s) {
        return new okio.Buffer().write(s.getBytes(StandardCharsets.UTF_8));
    }

    static JavaType type(Class<?> c) {
        return Json.MAPPER.getTypeFactory().constructType(c);
    }

    @Test
    void readsATreeAndAnEmptyOrBlankBodyAsNull() throws Exception {
        assertThat(AnswerReader.tree(bytes("{\"a\":1}")).get("a").asInt()).isEqualTo(1);
        assertThat(AnswerReader.tree(bytes(""))).isNull();
        assertThat(AnswerReader.tree(bytes(" \r\n\t"))).isNull();
    }

    @Test
    void readsStraightIntoAType() throws Exception {
        Thing t = AnswerReader.typed(bytes("{\"count\":2,\"name\":\"n\",\"extra\":true}"), type(Thing.class));
        assertThat(t).isEqualTo(new Thing(2, "n"));
        List<Integer> list = AnswerReader.typed(
                bytes("[1,2]"), Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Integer.class));
        assertThat(list).containsExactly(1, 2);
        assertThat((Object) AnswerReader.typed(bytes(""), type(Thing.class))).isNull();
    }

    @Test
    void namesTheFieldThatDidNotFitNeverItsValue() {
        assertThatThrownBy(() -> AnswerReader.typed(bytes("{\"count\":\"secret-ish\"}"), type(Thing.class)))
                .isInstanceOf(AnswerReader.Unreadable.class)
                .hasMessageContaining("count")
                .hasMessageNotContaining("secret-ish");
        assertThatThrownBy(() -> AnswerReader.typed(bytes("{\"count\":"), type(Thing.class)))
                .hasMessageContaining("Thing");
    }

    @Test
    void somethingThatIsNotJsonOrTooLongIsUnreadable() {
        assertThatThrownBy(() -> AnswerReader.tree(bytes("<html>secret-ish</html>")))
                .isInstanceOf(AnswerReader.Unreadable.class)
                .hasMessage("a JSON body");
        assertThatThrownBy(() -> AnswerReader.tree(null)).hasMessageContaining("at most 16 MB");
        assertThatThrownBy(() -> AnswerReader.typed(null, type(JsonNode.class))).hasMessageContaining("16 MB");
    }
}
