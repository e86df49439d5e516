package io.catalogkit.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The fakes' own JSON settings, kept apart from the client's so that a fake never reads or writes
 * JSON the way the code under test happens to: a change to the SDK's mapper cannot make a fake
 * agree with it by accident.
 */
final class FakeJson {
    /** Unknown fields ignored; null map values and fields left out of answers. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** For answers that must keep their nulls, as GraphQL's {@code "data": null} does. */
    static final ObjectMapper WITH_NULLS = MAPPER.copy()
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private FakeJson() {}

    static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fake could not write JSON", e);
        }
    }
}
