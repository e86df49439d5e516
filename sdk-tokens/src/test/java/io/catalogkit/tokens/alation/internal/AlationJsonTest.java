package io.catalogkit.tokens.alation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlationJsonTest {
    @ParameterizedTest
    @CsvSource({
        "2025-03-04T09:15:27.401266Z, 2025-03-04T09:15:27.401266Z",
        "2025-03-04T09:15:27Z, 2025-03-04T09:15:27Z",
        "2025-03-04T09:15Z, 2025-03-04T09:15:00Z",
        "2025-03-04T09:15:27.401266+00:00, 2025-03-04T09:15:27.401266Z",
        "2025-03-04T09:15:27.401266-00:00, 2025-03-04T09:15:27.401266Z",
        "2025-03-04T14:45:27+05:30, 2025-03-04T09:15:27Z",
        "2025-03-04T14:45:27+0530, 2025-03-04T09:15:27Z",
        "2025-03-04T11:15:27+02, 2025-03-04T09:15:27Z",
        "2025-03-04T09:15:27+00:00:00, 2025-03-04T09:15:27Z",
        "2025-03-04T09:15:27, 2025-03-04T09:15:27Z",
        "2025-03-04 09:15:27.5, 2025-03-04T09:15:27.500Z",
        "'2025-03-04T09:15:27,5Z', 2025-03-04T09:15:27.500Z",
        "  2025-03-04T09:15:27Z  , 2025-03-04T09:15:27Z",
        "2025-03-04T10:15:27+01:00[Europe/Paris], 2025-03-04T09:15:27Z",
        "2025-03-04T10:15:27[Europe/Paris], 2025-03-04T09:15:27Z"
    })
    void readsEveryIsoForm(String text, String expected) {
        assertThat(AlationJson.parseTimestamp(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2025-03-04",
                "1741079727",
                "2025-13-04T09:15:27Z",
                "2025-03-04T25:00Z",
                "2025-03-04T09:15:27[Not/AZone]"
            })
    void rejectsEverythingElse(String text) {
        assertThat(AlationJson.parseTimestamp(text)).isNull();
    }
}
