package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void returnsTheTrimmedValue() {
        assertThat(Env.require(Map.of("A", " v "), "XClient", "A", "A")).isEqualTo("v");
    }

    @Test
    void namesTheMissingOrBlankVariableAndEverythingTheClientNeeds() {
        assertThatThrownBy(() -> Env.require(Map.of(), "XClient", "A", "A", "B"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable A is not set: XClient.fromEnv() needs A, B");
        assertThatThrownBy(() -> Env.require(Map.of("A", "  "), "XClient", "A", "A"))
                .hasMessageContaining("A is not set");
    }
}
