package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.inventory.TokenInventory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code catalogkit inventory} against the three fakes over loopback. */
class InventoryCommandTest {
    private static final Fakes FAKES = new Fakes();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void close() {
        FAKES.close();
    }

    @BeforeEach
    void reset() {
        FAKES.reset();
    }

    @Test
    void aTableOfEveryTokenOnEveryConfiguredPlatform() {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .startsWith("PLATFORM  KIND")
                .contains("nightly-sync", "weekly-export", "cli-admin")
                .contains("ci-pipeline")
                .contains("laptop", "ingestion")
                .contains("tokens as of");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsTheReportsOwnJson() throws Exception {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", "--format", "json").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode cli = JSON.readTree(run.out());

        String sdkJson;
        try (AtlanClient atlan = AtlanClient.builder()
                        .baseUrl(FAKES.atlan.baseUrl())
                        .apiKey(FAKES.atlanKey)
                        .build();
                AlationClient alation = AlationClient.builder()
                        .baseUrl(FAKES.alation.baseUrl())
                        .refreshToken(FAKES.refresh, FAKES.userId)
                        .build();
                DataHubClient hub = DataHubClient.builder()
                        .baseUrl(FAKES.hub.baseUrl())
                        .token(FAKES.hubKey)
                        .build()) {
            sdkJson = TokenInventory.builder()
                    .atlan(atlan)
                    .alation(alation)
                    .datahub(hub)
                    .build()
                    .collect()
                    .toJson();
        }
        JsonNode sdk = JSON.readTree(sdkJson);
        assertThat(fields(cli)).isEqualTo(fields(sdk)).containsExactly("asOf", "entries", "gaps");
        assertThat(cli.get("entries")).hasSameSizeAs(sdk.get("entries")).hasSize(8);
        for (int i = 0; i < cli.get("entries").size(); i++) {
            JsonNode c = cli.get("entries").get(i);
            JsonNode s = sdk.get("entries").get(i);
            assertThat(fields(c)).isEqualTo(fields(s));
            assertThat(c.get("platform")).isEqualTo(s.get("platform"));
            assertThat(c.get("name")).isEqualTo(s.get("name"));
        }
        assertThat(cli.get("gaps")).isEqualTo(sdk.get("gaps"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void csvHasAHeaderAndARowPerToken() {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", "--format", "csv").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("platform,kind,id,name,owner,created_at,expires_at,status,scopes");
        assertThat(lines).hasSize(9);
        assertThat(run.out()).contains("\r\n");
    }

    @Test
    void platformLimitsTheListing() {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", "--platform", "datahub", "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().skip(1)).hasSize(3).allMatch(l -> l.startsWith("DATAHUB,"));
        assertThat(FAKES.atlan.requests()).isEmpty();
        assertThat(FAKES.alation.requests()).isEmpty();

        Cli.Run two = Cli.run(FAKES.allEnv(), "inventory", "--platform", "atlan", "--platform", "ALATION");
        assertThat(two.out()).contains("Atlan ").contains("Alation ").doesNotContain("DataHub ");
    }

    @Test
    void aPlatformWithoutVariablesIsSkippedAndSaidSoOnStandardError() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "inventory").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("nightly-sync").doesNotContain("DataHub ");
        assertThat(run.err())
                .contains("catalogkit: Alation skipped: not configured (set ALATION_BASE_URL")
                .contains("catalogkit: DataHub skipped: not configured (set DATAHUB_GMS_URL and DATAHUB_GMS_TOKEN");
    }

    @Test
    void aPlatformNamedButNotConfiguredFails() {
        Cli.Run run =
                Cli.run(FAKES.atlanEnv(), "inventory", "--platform", "datahub").failedWithOneLine();
        assertThat(run.err()).contains("DataHub").contains("DATAHUB_GMS_URL");
    }

    @Test
    void aBadUrlNamesItsPlatform() {
        Cli.Run run = Cli.run(Fakes.with(FAKES.allEnv(), "DATAHUB_GMS_URL", "datahub.example.com"), "inventory")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).startsWith("catalogkit: DataHub: ");
    }

    @Test
    void noPlatformConfiguredFailsNamingTheVariables() {
        Cli.Run run = Cli.run(Map.of(), "inventory");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("catalogkit: no platform configured: set ATLAN_BASE_URL");
    }

    @Test
    void expiringWithinShowsOnlyThoseTokens() {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", "--expiring-within", "5d", "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().skip(1))
                .hasSize(3)
                .anyMatch(l -> l.contains("weekly-export"))
                .anyMatch(l -> l.contains("ingestion"))
                .anyMatch(l -> l.contains("access-token")); // Alation's current access token, valid for hours
    }

    @Test
    void failIfExpiringWithinExitsWith3AndListsThem() {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", "--fail-if-expiring-within", "P5D")
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.out()).contains("nightly-sync"); // the whole report still goes to standard output
        assertThat(run.err())
                .startsWith("catalogkit: 3 tokens expire within 5d:")
                .contains("weekly-export")
                .contains("ingestion")
                .doesNotContain("nightly-sync")
                .doesNotContain("laptop");
    }

    @Test
    void failIfExpiringWithinPassesWhenNothingExpiresSoon() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "inventory", "--platform", "atlan", "--fail-if-expiring-within", "1h");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aRefusedCredentialFailsWithOneLineAndExit1() {
        Cli.Run run = Cli.run(
                        Fakes.with(FAKES.atlanEnv(), "ATLAN_API_KEY", "not-a-valid-key"),
                        "inventory",
                        "--platform",
                        "atlan",
                        "--format",
                        "json")
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("catalogkit: Atlan: listing failed").contains("ATLAN_API_KEY");
        assertThat(run.all()).doesNotContain("not-a-valid-key").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableCatalogFailsWithExit1() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Cli.Run run = Cli.run(
                Fakes.with(FAKES.hubEnv(), "DATAHUB_GMS_URL", "http://127.0.0.1:" + port),
                "inventory",
                "--platform",
                "datahub");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("catalogkit: DataHub: listing failed").contains("DATAHUB_GMS_URL");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void progressGoesToATerminalOnlyAndNotWithQuiet() {
        Cli.Run terminal = Cli.run(FAKES.allEnv(), true, "inventory", "--format", "json");
        assertThat(terminal.exitCode()).isZero();
        assertThat(terminal.err())
                .contains("Atlan: 3 tokens listed")
                .contains("Alation: 2 tokens listed")
                .contains("DataHub: 3 tokens listed");
        assertThat(terminal.out()).doesNotContain("tokens listed");

        assertThat(Cli.run(FAKES.allEnv(), true, "inventory", "--quiet").err()).isEmpty();
        assertThat(Cli.run(FAKES.allEnv(), true, "--quiet", "inventory").err()).isEmpty();
        assertThat(Cli.run(FAKES.allEnv(), false, "inventory").err()).isEmpty();
    }

    @Test
    void aServerErrorOnOnePlatformStillListsTheOthers() {
        FAKES.hub.failNext(10, Fault.status(500));
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("nightly-sync").contains("ci-pipeline");
        assertThat(new TreeSet<>(run.err().lines().toList()))
                .singleElement()
                .asString()
                .startsWith("catalogkit: DataHub: listing failed");
    }
}
