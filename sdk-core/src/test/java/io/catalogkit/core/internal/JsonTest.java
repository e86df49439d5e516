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

    @Test
    void shapeChecksNameTheArgumentAndNeverQuoteText() {
        assertThatThrownBy(() -> Args.line("a\nsecret", 10, "name"))
                .hasMessage("name must not contain a control character or line break (U+000A at index 1)");
        assertThatThrownBy(() -> Args.line("abcdef", 5, "name")).hasMessage("name must be at most 5 characters, was 6");
        assertThatThrownBy(() -> Args.text("a\u0000", 5, "description"))
                .hasMessage("description must not contain a control character other than a line break or tab"
                        + " (U+0000 at index 1)");
        assertThat(Args.text("two\nlines\t", 20, "description")).isEqualTo("two\nlines\t");
        assertThat(Args.text(null, 20, "description")).isNull();
        assertThatThrownBy(() -> Args.id(" g", "guid")).hasMessage("guid must not start or end with whitespace");
        assertThat(Args.id("3f9c", "guid")).isEqualTo("3f9c");
        assertThatThrownBy(() -> Args.urn("jdoe", "urn:li:corpuser:", "actorUrn"))
                .hasMessage("actorUrn must be an urn of the form urn:li:corpuser:<id>, e.g. urn:li:corpuser:jdoe");
        assertThatThrownBy(() -> Args.urn("urn:li:corpuser:a b", "urn:li:corpuser:", "actorUrn"))
                .hasMessage("actorUrn must not contain whitespace (at index 17)");
        assertThat(Args.urn("urn:li:corpuser:jdoe", "urn:li:corpuser:", "actorUrn"))
                .isEqualTo("urn:li:corpuser:jdoe");
        assertThatThrownBy(() -> Args.lines(Set.of("a", "b"), 1, 5, "add"))
                .hasMessage("add must hold at most 1 elements, was 2");
        assertThatThrownBy(() -> Args.lines(Set.of("a\u2028"), 1, 5, "add"))
                .hasMessageStartingWith("each element of add must not contain a control character");
        assertThatThrownBy(() -> Args.between(0, 1, 9, "userId")).hasMessage("userId must be from 1 to 9, was 0");
        assertThat(Args.between(9, 1, 9, "userId")).isEqualTo(9);
        assertThatThrownBy(() -> Args.page(Integer.MAX_VALUE, "offset", 1, "limit", 10))
                .hasMessage("offset + limit must be at most 2147483647, was 2147483648");
        assertThatThrownBy(() -> Args.page(0, "offset", 11, "limit", 10))
                .hasMessage("limit must be from 1 to 10, was 11");
        Args.page(Integer.MAX_VALUE - 10, "offset", 10, "limit", 10);
        assertThatThrownBy(() -> Args.secret(Secret.of("hunter\u00002"), "password"))
                .hasMessageStartingWith("password must not contain a control character")
                .hasMessageNotContaining("hunter");
        assertThatThrownBy(() -> Args.secret(Secret.of("p".repeat(Args.MAX_SECRET + 1)), "password"))
                .hasMessage("password must be at most 8192 characters, was 8193");
        assertThat(Args.secret(Secret.of("caf\u00e9"), "password").reveal()).isEqualTo("caf\u00e9");
        assertThatThrownBy(() -> Args.headerSafe(Secret.of("caf\u00e9"), "apiKey"))
                .hasMessageContaining("outside ASCII");
    }
}
