package io.catalogkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.internal.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void revealsTheValueOnlyOnRequest() {
        Secret s = Secret.of("s3cr3t-value");
        assertThat(s.reveal()).isEqualTo("s3cr3t-value");
        assertThat(s.toString()).isEqualTo("Secret[redacted]").doesNotContain("s3cr3t");
        assertThat(String.valueOf(Map.of("token", s))).doesNotContain("s3cr3t");
    }

    @Test
    void rejectsNullAndBlank() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Secret.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsAndHashCodeByValue() {
        assertThat(Secret.of("a-b-c")).isEqualTo(Secret.of("a-b-c")).hasSameHashCodeAs(Secret.of("a-b-c"));
        assertThat(Secret.of("a-b-c")).isNotEqualTo(Secret.of("a-b-d")).isNotEqualTo("a-b-c");
    }

    @Test
    void jacksonWritesARedactedMarkerNeverTheValue() throws Exception {
        String json = Json.MAPPER.writeValueAsString(Map.of("token", Secret.of("s3cr3t-value")));
        assertThat(json).isEqualTo("{\"token\":\"Secret[redacted]\"}");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Secret.of("s3cr3t-value")))
                .doesNotContain("s3cr3t");
    }

    @Test
    void jacksonReadsAValueIntoASecret() throws Exception {
        Secret s = Json.MAPPER.readValue("\"from-the-wire\"", Secret.class);
        assertThat(s.reveal()).isEqualTo("from-the-wire");
    }

    @Test
    void masksAllButTheLastFourCharacters() {
        assertThat(Secret.of("abcdefghijklmnop-1234").masked()).isEqualTo("****************1234");
        assertThat(Secret.of("short").masked()).isEqualTo("*****").doesNotContain("short");
    }
}
