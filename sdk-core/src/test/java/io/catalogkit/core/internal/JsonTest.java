package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.Secret;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one lenient field reader and the one argument check every platform uses. */
class JsonTest {
    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void textIsAnyNonBlankScalar() throws Exception {
        assertThat(Json.text(json("'a'"))).isEqualTo("a");
        assertThat(Json.text(json("12"))).isEqualTo("12");
        assertThat(Json.text(json("true"))).isEqualTo("true");
        assertThat(Json.text(json("' '"))).isNull();
        assertThat(Json.text(json("null"))).isNull();
        assertThat(Json.text(json("{}"))).isNull();
        assertThat(Json.text(json("[]"))).isNull();
        assertThat(Json.text(null)).isNull();
    }

    @Test
    void numbersMayComeAsStrings() throws Exception {
        assertThat(Json.longValue(json("'abc'"))).isNull();
        assertThat(Json.longValue(json("'1.5'"))).isNull();
        assertThat(Json.longValue(json("true"))).isNull();
        assertThat(Json.longValue(json("[1]"))).isNull();
        assertThat(Json.longValue(json("null"))).isNull();
        assertThat(Json.longValue(null)).isNull();
        assertThat(Json.longValue(json("' 157680000 '"))).isEqualTo(157_680_000L);
        assertThat(Json.longValue(json("1.5e3"))).isEqualTo(1500L);
        assertThat(Json.longValue(json("99999999999999999999"))).isNull();
        assertThat(Json.intValue(json("'7'"))).isEqualTo(7);
        assertThat(Json.intValue(json("99999999999"))).isNull();
    }

    @Test
    void fieldIsNullForAbsentNullOrANonObject() throws Exception {
        assertThat(Json.field(json("{'a':1}"), "a").asInt()).isEqualTo(1);
        assertThat(Json.field(json("{'a':null}"), "a")).isNull();
        assertThat(Json.field(json("{}"), "a")).isNull();
        assertThat(Json.field(json("[1]"), "a")).isNull();
        assertThat(Json.field(null, "a")).isNull();
    }

    @Test
    void argumentChecksShareOneMessageStyle() {
        assertThatThrownBy(() -> Args.notNull(null, "guid"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("guid must not be null");
        assertThatThrownBy(() -> Args.notBlank(" ", "guid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guid must not be blank");
        assertThatThrownBy(() -> Args.notBlank(null, "guid")).hasMessage("guid must not be null");
        assertThatThrownBy(() -> Args.atLeast(0, 1, "limit")).hasMessage("limit must be 1 or more, was 0");
        assertThatThrownBy(() -> Args.noBlankElements(new LinkedHashSet<>(java.util.Arrays.asList("a", null)), "add"))
                .hasMessage("add must not contain a null or blank element");
        assertThatThrownBy(() -> Args.noBlankElements(null, "add")).hasMessage("add must not be null");
        assertThatThrownBy(() -> Args.headerSafe(Secret.of("line\nbreak-secret"), "apiKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("break-secret");
        assertThat(Args.notBlank("x", "n")).isEqualTo("x");
        assertThat(Args.noBlankElements(Set.of("a"), "n")).containsExactly("a");
        assertThat(Args.atLeast(3, 1, "n")).isEqualTo(3);
        assertThat(Args.headerSafe(Secret.of("ok\tvalue"), "k").reveal()).isEqualTo("ok\tvalue");
        assertThat(Args.notNull(List.of(), "n")).isEmpty();
    }
}
