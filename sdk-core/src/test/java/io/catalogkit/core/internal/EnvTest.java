package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.CredentialSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aCredentialFromItsVariableIsFixedTrimmedAndNamedByTheVariable() throws Exception {
        CredentialSource s = Env.credential(Map.of("A_KEY", " v1 "), "XClient", "A_KEY", "A_KEY");
        assertThat(s.get().reveal()).isEqualTo("v1");
        assertThat(Stores.isFixed(s)).isTrue();
        assertThat(Stores.nameOf(s)).isEqualTo("the environment variable A_KEY");
        assertThat(s.toString()).doesNotContain("v1");
    }

    @Test
    void aCredentialFromItsFileFormIsReadFromTheFileOnEveryGet(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("key");
        Files.writeString(f, "from-file\n");
        CredentialSource s = Env.credential(Map.of("A_KEY_FILE", f + " "), "XClient", "A_KEY", "A_KEY");
        assertThat(s.get().reveal()).isEqualTo("from-file");
        Files.writeString(f, "rotated\n");
        assertThat(s.get().reveal()).isEqualTo("rotated");
        assertThat(Stores.isFixed(s)).isFalse();
        assertThat(Stores.nameOf(s)).isEqualTo("the file " + f);
    }

    @Test
    void aCredentialFileThatDoesNotExistFailsOnReadNamingThePath() {
        CredentialSource s = Env.credential(Map.of("A_KEY_FILE", "/nonexistent/key"), "XClient", "A_KEY", "A_KEY");
        assertThatThrownBy(s::get).hasMessageContaining("/nonexistent/key");
    }

    @Test
    void bothFormsSetIsAnErrorNamingBothAndNoValue() {
        assertThatThrownBy(() -> Env.credential(
                        Map.of("A_KEY", "secret-value", "A_KEY_FILE", "/run/key"), "XClient", "A_KEY", "A_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set one of A_KEY or A_KEY_FILE, not both")
                .hasMessageContaining("XClient.fromEnv()")
                .hasMessageNotContaining("secret-value")
                .hasMessageNotContaining("/run/key");
    }

    @Test
    void neitherFormSetNamesBothFormsAndEverythingTheClientNeeds() {
        assertThatThrownBy(() -> Env.credential(Map.of(), "XClient", "A_KEY", "A_KEY", "B"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable A_KEY (or A_KEY_FILE) is not set: XClient.fromEnv() needs A_KEY, B");
        assertThatThrownBy(() -> Env.credential(Map.of("A_KEY", " ", "A_KEY_FILE", ""), "XClient", "A_KEY", "A_KEY"))
                .hasMessageContaining("A_KEY (or A_KEY_FILE) is not set");
    }

    @Test
    void blankFormsDoNotCountAsSet() throws Exception {
        CredentialSource s = Env.credential(Map.of("A_KEY", "v", "A_KEY_FILE", "  "), "XClient", "A_KEY", "A_KEY");
        assertThat(s.get().reveal()).isEqualTo("v");
    }

    @Test
    void hasIsTrueForEitherForm() {
        assertThat(Env.has(Map.of("A_KEY", "v"), "A_KEY")).isTrue();
        assertThat(Env.has(Map.of("A_KEY_FILE", "/f"), "A_KEY")).isTrue();
        assertThat(Env.has(Map.of("A_KEY", " "), "A_KEY")).isFalse();
        assertThat(Env.has(Map.of("B_KEY", "v"), "A_KEY")).isFalse();
    }
}
