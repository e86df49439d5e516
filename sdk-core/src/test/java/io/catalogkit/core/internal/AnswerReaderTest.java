package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reading stage alone: bytes to JSON, once, never quoting what did not parse. */
class AnswerReaderTest {
    static okio.Buffer bytes(String s) {
        return new okio.Buffer().write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsATreeAndAnEmptyOrBlankBodyAsNull() throws Exception {
        assertThat(AnswerReader.tree(bytes("{\"a\":1}")).get("a").asInt()).isEqualTo(1);
        assertThat(AnswerReader.tree(bytes(""))).isNull();
        assertThat(AnswerReader.tree(bytes(" \r\n\t"))).isNull();
    }

    @Test
    void somethingThatIsNotJsonOrTooLongIsUnreadable() {
        assertThatThrownBy(() -> AnswerReader.tree(bytes("<html>secret-ish</html>")))
                .isInstanceOf(AnswerReader.Unreadable.class)
                .hasMessage("a JSON body");
        assertThatThrownBy(() -> AnswerReader.tree(null)).hasMessageContaining("at most 16 MB");
    }
}
