package io.catalogkit.tokens.alation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlationWireTest {
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
        assertThat(AlationWire.parseTimestamp(text)).isEqualTo(Instant.parse(expected));
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
        assertThat(AlationWire.parseTimestamp(text)).isNull();
    }

    @Test
    void theFastPathReadsExactlyWhatTheGeneralOneReads() {
        List<String> dates =
                List.of("2024-02-29", "2023-02-29", "2024-02-30", "2025-12-31", "0000-01-01", "2025-00-10");
        List<String> times = List.of("00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "09:15:27");
        List<String> fractions = List.of("", ".5", ",5", ".401266", ".123456789", ".1234567891234", ".");
        List<String> offsets = List.of(
                "", "Z", "z", "+00:00", "-00:00", "+05:30", "-18:00", "+18:00", "+18:30", "+19:00", "+05:60", "+0530",
                " Z", "x");
        int fast = 0;
        for (String d : dates) {
            for (String t : times) {
                for (String f : fractions) {
                    for (String o : offsets) {
                        for (String sep : List.of("T", "t", " ")) {
                            String text = d + sep + t + f + o;
                            Instant quick = AlationWire.parseCommon(text);
                            if (quick != null) {
                                fast++;
                                assertThat(quick).as(text).isEqualTo(AlationWire.parseAny(text));
                            }
                        }
                    }
                }
            }
        }
        assertThat(fast).isGreaterThan(1000);
        assertThat(AlationWire.parseCommon("2025-03-04T09:15:27.401266Z"))
                .isEqualTo(Instant.parse("2025-03-04T09:15:27.401266Z"));
    }
}
