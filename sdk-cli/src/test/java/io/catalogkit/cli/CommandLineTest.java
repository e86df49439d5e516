package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version, usage errors (exit 2) and configuration errors (exit 1), as the contract says. */
class CommandLineTest {
    private static final Fakes FAKES = new Fakes();

    @AfterAll
    static void close() {
        FAKES.close();
    }

    @BeforeEach
    void reset() {
        FAKES.reset();
    }

    @Test
    void aRunRegistersOnlyTheSubcommandItNames() {
        assertThat(Main.subcommandsFor(Cli.args("--version"))).isEmpty();
        assertThat(Main.subcommandsFor(Cli.args("--debug", "-V"))).isEmpty();
        assertThat(Main.subcommandsFor(Cli.args("--debug", "inventory", "--platform", "atlan")))
                .containsExactly("inventory");
        assertThat(Main.subcommandsFor(Cli.args("atlan", "create", "inventory", "--show-secret")))
                .containsExactly("atlan");
        List<String> all = List.of("demo", "inventory", "atlan", "datahub", "alation");
        assertThat(Main.subcommandsFor(Cli.args())).isEqualTo(all);
        assertThat(Main.subcommandsFor(Cli.args("--help"))).isEqualTo(all);
        assertThat(Main.subcommandsFor(Cli.args("--version", "--help"))).isEqualTo(all);
        assertThat(Main.subcommandsFor(Cli.args("inventroy"))).isEqualTo(all);
    }

    @Test
    void theFullCommandLineHasEveryCommand() {
        assertThat(Main.commandLine(
                                Map.of(),
                                false,
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(new StringWriter()))
                        .getSubcommands())
                .containsOnlyKeys("demo", "inventory", "atlan", "datahub", "alation");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Cli.Run run = Cli.run(Map.of(), "inventroy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("inventory");
    }

    @Test
    void noArgumentsIsAUsageError() {
        Cli.Run run = Cli.run(Map.of());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required subcommand");
    }

    @Test
    void versionNamesTheProjectVersion() {
        Cli.Run run = Cli.run(Map.of(), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("catalogkit ").doesNotContain("${");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run run = Cli.run(Map.of(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("demo", "inventory", "atlan", "datahub", "alation")
                .contains("--debug", "--quiet", "--version")
                .contains("Exit status:")
                .contains("ATLAN_API_KEY_FILE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "demo",
                "inventory",
                "atlan list",
                "atlan get",
                "atlan create",
                "atlan rotate",
                "atlan purge",
                "datahub list",
                "datahub create",
                "datahub rotate",
                "datahub revoke",
                "alation rotate-refresh-token"
            })
    void everyCommandHasHelp(String command) {
        Cli.Run run = Cli.run(Map.of(), (command + " --help").split(" "));
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Usage: catalogkit " + command);
    }

    @Test
    void aDestinationIsOfferedForEveryNewSecret() {
        assertThat(Cli.run(Map.of(), "atlan", "create", "--help").out())
                .contains("--secret-to=FILE", "--secret-to-command=CMD", "--show-secret");
        assertThat(Cli.run(Map.of(), "atlan", "rotate", "--help").out())
                .contains("--secret-to=FILE", "--secret-to-command=CMD", "--grace=DUR")
                .doesNotContain("--show-secret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bogus",
                "inventory --bogus",
                "atlan",
                "datahub",
                "alation",
                "inventory --format xml",
                "inventory --platform snowflake",
                "atlan get",
                "atlan purge some-guid",
                "datahub create urn:li:corpuser:jdoe --name x --duration FOREVER --show-secret",
                "datahub create urn:li:corpuser:jdoe --name x --show-secret",
                "atlan create x --show-secret --secret-to /tmp/x"
            })
    void usageErrorsExitWith2AndSayWhereHelpIs(String command) {
        Cli.Run run = Cli.run(FAKES.allEnv(), command.split(" "));
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("catalogkit: ").contains("--help' for more information");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--expiring-within", "--fail-if-expiring-within"})
    void aBadDurationIsAUsageErrorNamingTheOption(String option) {
        Cli.Run run = Cli.run(FAKES.allEnv(), "inventory", option, "two weeks");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(option).contains("'two weeks' is not a duration");
        assertThat(FAKES.atlan.requests()).isEmpty();
    }

    @Test
    void aBadGraceOrValidityIsAUsageErrorNamingTheOption() {
        Cli.Run grace = Cli.run(
                FAKES.allEnv(), "atlan", "rotate", FAKES.nightly.guid(), "--secret-to", "/tmp/never", "--grace", "-5m");
        assertThat(grace.exitCode()).isEqualTo(2);
        assertThat(grace.err()).contains("--grace");
        Cli.Run validity = Cli.run(FAKES.allEnv(), "atlan", "create", "x", "--show-secret", "--validity", "soon");
        assertThat(validity.exitCode()).isEqualTo(2);
        assertThat(validity.err()).contains("--validity");
        assertThat(FAKES.atlan.requests()).isEmpty();
    }

    @Test
    void withoutADestinationNothingIsCreated() {
        int before = FAKES.atlan.tokenCount();
        Cli.Run atlan = Cli.run(FAKES.allEnv(), "atlan", "create", "ci-bot");
        Cli.Run rotate = Cli.run(FAKES.allEnv(), "atlan", "rotate", FAKES.nightly.guid());
        Cli.Run hub = Cli.run(FAKES.allEnv(), "datahub", "create", Fakes.JDOE, "--name", "x", "--duration", "ONE_DAY");
        Cli.Run alation = Cli.run(FAKES.allEnv(), "alation", "rotate-refresh-token");
        for (Cli.Run run : new Cli.Run[] {atlan, rotate, hub, alation}) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
            assertThat(run.err()).contains("Missing required argument").contains("--secret-to");
        }
        assertThat(FAKES.atlan.requests()).isEmpty();
        assertThat(FAKES.hub.requests()).isEmpty();
        assertThat(FAKES.alation.requests()).isEmpty();
        assertThat(FAKES.atlan.tokenCount()).isEqualTo(before);
    }

    @Test
    void aPlatformWithoutItsVariablesIsRefusedByItsOwnCommandsNamingThem() {
        Cli.Run atlan = Cli.run(FAKES.hubEnv(), "atlan", "list").failedWithOneLine();
        assertThat(atlan.err()).contains("Atlan").contains("ATLAN_BASE_URL").contains("ATLAN_API_KEY");
        Cli.Run hub = Cli.run(FAKES.atlanEnv(), "datahub", "list").failedWithOneLine();
        assertThat(hub.err()).contains("DataHub").contains("DATAHUB_GMS_URL").contains("DATAHUB_GMS_TOKEN");
        Cli.Run alation = Cli.run(FAKES.atlanEnv(), "alation", "rotate-refresh-token", "--secret-to", "/tmp/x")
                .failedWithOneLine();
        assertThat(alation.err())
                .contains("Alation")
                .contains("ALATION_REFRESH_TOKEN")
                .contains("ALATION_USER_ID");
    }

    @Test
    void aHalfSetPlatformNamesTheMissingVariable() {
        Cli.Run run = Cli.run(Map.of("ATLAN_BASE_URL", FAKES.atlan.baseUrl()), "atlan", "list")
                .failedWithOneLine();
        assertThat(run.err()).contains("ATLAN_API_KEY is not set");
        assertThat(FAKES.atlan.requests()).isEmpty();
    }

    @Test
    void aCredentialAndItsFileFormTogetherIsAnErrorNamingBoth() {
        Cli.Run run = Cli.run(Fakes.with(FAKES.atlanEnv(), "ATLAN_API_KEY_FILE", "/run/secrets/atlan"), "atlan", "list")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).contains("ATLAN_API_KEY and ATLAN_API_KEY_FILE");
    }

    @Test
    void anUnknownUserIdIsRefusedBeforeAnyRequest() {
        Cli.Run run = Cli.run(
                        Fakes.with(FAKES.alationEnv(), "ALATION_USER_ID", "jdoe"),
                        "alation",
                        "rotate-refresh-token",
                        "--secret-to",
                        "/tmp/never")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).contains("ALATION_USER_ID must be the numeric id");
        assertThat(FAKES.alation.requests()).isEmpty();
    }
}
