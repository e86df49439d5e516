package io.catalogkit.tokens.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters and renderings of a report, on entries made here (hostile names included). */
class InventoryReportTest {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final String HOSTILE = "job\n\u001b[2J\u001b[31mred,\"quoted\"\u202e\u0085";

    static InventoryEntry atlan(String name, String owner, Instant expires) {
        return InventoryEntry.builder()
                .platform(Platform.ATLAN)
                .kind(InventoryEntry.API_TOKEN)
                .id("guid-" + name.length())
                .name(name)
                .owner(owner)
                .createdAt(NOW.minus(Duration.ofDays(1)))
                .expiresAt(expires)
                .status(expires != null && !expires.isAfter(NOW) ? TokenStatus.EXPIRED : TokenStatus.ACTIVE)
                .scope("default/engineers")
                .build();
    }

    static InventoryEntry datahub(String id, String owner, Instant expires) {
        return InventoryEntry.builder()
                .platform(Platform.DATAHUB)
                .kind(InventoryEntry.PERSONAL_ACCESS_TOKEN)
                .id(id)
                .name("ci")
                .owner(owner)
                .expiresAt(expires)
                .status(TokenStatus.ACTIVE)
                .scope(owner)
                .build();
    }

    final InventoryReport report = new InventoryReport(
            NOW,
            List.of(
                    atlan("expired", "jdoe", NOW.minus(Duration.ofHours(1))),
                    atlan("this-week", "jdoe", NOW.plus(Duration.ofDays(7))),
                    atlan("next-month", "asmith", NOW.plus(Duration.ofDays(31))),
                    datahub("id-never", "urn:li:corpuser:jdoe", null)),
            List.of(
                    new InventoryReport.Gap(Platform.ALATION, "no public API lists refresh tokens"),
                    new InventoryReport.Gap(Platform.DATAHUB, "not an admin")));

    static List<String> names(InventoryReport r) {
        return r.getEntries().stream().map(e -> e.getName().orElse("")).toList();
    }

    @Test
    void filtersAreJudgedFromAsOf() {
        assertThat(names(report.expiringWithin(Duration.ofDays(7)))).containsExactly("this-week");
        assertThat(names(report.expiringWithin(Duration.ofDays(7).minusSeconds(1))))
                .isEmpty();
        assertThat(names(report.expiringWithin(Duration.ofDays(40)))).containsExactly("this-week", "next-month");
        assertThat(report.neverExpiring().getEntries())
                .extracting(InventoryEntry::getId)
                .containsExactly("id-never");
        assertThat(names(report.ownedBy("jdoe"))).containsExactly("expired", "this-week");
        assertThat(report.ownedBy("nobody").getEntries()).isEmpty();
        assertThat(report.on(Platform.DATAHUB).getEntries()).hasSize(1);
        assertThat(report.on(Platform.DATAHUB).getGaps()).containsExactly("DataHub: not an admin");
        assertThat(report.on(Platform.ATLAN).getGaps()).isEmpty();
        // other filters keep every gap and the time
        assertThat(report.ownedBy("jdoe").getGaps()).hasSize(2);
        assertThat(report.neverExpiring().getAsOf()).isEqualTo(NOW);
        assertThatThrownBy(() -> report.expiringWithin(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableIsAlignedForAPerson() {
        assertThat(report.toTable()).isEqualTo("""
                PLATFORM  KIND                   NAME        OWNER                 STATUS   EXPIRES                     ID        SCOPES
                Atlan     api-token              expired     jdoe                  EXPIRED  2026-03-02 08:00Z (1h ago)  guid-7    default/engineers
                Atlan     api-token              this-week   jdoe                  ACTIVE   2026-03-09 09:00Z (in 7d)   guid-9    default/engineers
                Atlan     api-token              next-month  asmith                ACTIVE   2026-04-02 09:00Z (in 31d)  guid-10   default/engineers
                DataHub   personal-access-token  ci          urn:li:corpuser:jdoe  ACTIVE   never                       id-never  urn:li:corpuser:jdoe
                4 tokens as of 2026-03-02T09:00:00Z
                Not listed:
                  - Alation: no public API lists refresh tokens
                  - DataHub: not an admin
                """);
    }

    @Test
    void hostileNamesCannotBreakTheTableOrDriveTheTerminal() {
        InventoryReport hostile = new InventoryReport(
                NOW,
                List.of(atlan(HOSTILE, "jdoe", null), atlan("x".repeat(200), "jdoe", null)),
                List.of(new InventoryReport.Gap(Platform.ATLAN, "server said \u001b[2J")));
        String table = hostile.toTable();

        assertThat(table.lines()).hasSize(6); // header, 2 rows, count, "Not listed:", one gap
        assertThat(table).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u0085");
        assertThat(table).contains("job\\n\\u001b[2J\\u001b[31mred,\"quoted\"\\u202e\\u0085");
        assertThat(table).contains("x".repeat(45) + "...");
        List<String> lines = table.lines().toList();
        int statusColumn = lines.get(0).indexOf("STATUS");
        assertThat(lines.get(1).substring(statusColumn)).startsWith("ACTIVE");
        assertThat(lines.get(2).substring(statusColumn)).startsWith("ACTIVE");
    }

    @Test
    void csvIsRfc4180AndSafeForSpreadsheets() {
        InventoryReport r = new InventoryReport(
                NOW,
                List.of(
                        atlan(HOSTILE, "=HYPERLINK(\"http://evil\")", null),
                        report.getEntries().get(1)),
                List.of());
        String csv = r.toCsv();

        assertThat(csv).doesNotContain("\u001b").doesNotContain("\n\u001b");
        List<List<String>> records = parseCsv(csv);
        assertThat(records).hasSize(3);
        assertThat(records.get(0))
                .containsExactly(
                        "platform", "kind", "id", "name", "owner", "created_at", "expires_at", "status", "scopes");
        assertThat(records.get(1)).hasSize(9);
        assertThat(records.get(1).get(3)).isEqualTo("job\\n\\u001b[2J\\u001b[31mred,\"quoted\"\\u202e\\u0085");
        assertThat(records.get(1).get(4)).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(records.get(1).get(6)).isEmpty();
        assertThat(records.get(2))
                .containsExactly(
                        "ATLAN",
                        "api-token",
                        "guid-9",
                        "this-week",
                        "jdoe",
                        "2026-03-01T09:00:00Z",
                        "2026-03-09T09:00:00Z",
                        "ACTIVE",
                        "default/engineers");
    }

    @Test
    void jsonKeepsTheExactValuesInAsciiOnly() throws Exception {
        InventoryReport r = new InventoryReport(NOW, List.of(atlan(HOSTILE, "jdoe", null)), report.gapList());
        String json = r.toJson();

        assertThat(json.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("asOf").asText()).isEqualTo("2026-03-02T09:00:00Z");
        JsonNode e = root.get("entries").get(0);
        assertThat(e.get("platform").asText()).isEqualTo("ATLAN");
        assertThat(e.get("name").asText()).isEqualTo(HOSTILE);
        assertThat(e.get("expiresAt").isNull()).isTrue();
        assertThat(e.get("scopes").get(0).asText()).isEqualTo("default/engineers");
        assertThat(root.get("gaps")).hasSize(2);
    }

    /** A strict RFC 4180 reader: fails on anything malformed. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = csv.charAt(i++);
                    if (q == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                char next = csv.charAt(i);
                assertThat(next).as("after a quoted field").isIn(',', '\r');
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(csv.charAt(i + 1)).isEqualTo('\n');
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare CR, LF or quote").isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(field).isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
