package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalogkit atlan ...} against FakeAtlan over loopback. */
class AtlanCommandTest {
    private static final Fakes FAKES = new Fakes();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        FAKES.close();
    }

    @BeforeEach
    void reset() {
        FAKES.reset();
    }

    /** Whether a secret works as an Atlan API key on the fake. */
    private static boolean works(Secret key) {
        try (AtlanClient c = AtlanClient.builder()
                .baseUrl(FAKES.atlan.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .build()) {
            c.apiTokens().list(0, 1);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    @Test
    void listShowsEveryTokenWithItsGuid() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "list").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("NAME")
                .contains(FAKES.nightly.guid())
                .contains("nightly-sync")
                .contains(Fakes.PERSONA)
                .endsWith("3 API tokens\n");
    }

    @Test
    void listShowsPagesOnATerminal() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), true, "atlan", "list");
        assertThat(run.err()).isEqualTo("Atlan: page 1, 3 API tokens listed\n");
        assertThat(Cli.run(FAKES.atlanEnv(), false, "atlan", "list").err()).isEmpty();
    }

    @Test
    void getShowsOneToken() {
        Cli.Run run =
                Cli.run(FAKES.atlanEnv(), "atlan", "get", FAKES.nightly.guid()).printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("name             nightly-sync")
                .contains("description      dbt nightly job")
                .contains("client id        " + FAKES.nightly.clientId());
    }

    @Test
    void getOfAnUnknownGuidFailsWithOneLine() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "get", "0f3c1b1e-0000-4000-8000-000000000000")
                .failedWithOneLine();
        assertThat(run.err())
                .isEqualTo("catalogkit: Atlan: no API token with GUID 0f3c1b1e-0000-4000-8000-000000000000"
                        + " (list them with 'catalogkit atlan list')\n");
    }

    @Test
    void createWithShowSecretPrintsOnlyTheSecretOnStandardOutput() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "create", "ci-bot", "--validity", "14d", "--show-secret");
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret secret = Secret.of(run.out().strip());
        assertThat(run.out().lines()).hasSize(1);
        assertThat(works(secret)).isTrue();
        assertThat(run.err()).startsWith("Created Atlan API token 'ci-bot'").doesNotContain(secret.reveal());
        assertThat(FAKES.atlan.tokenGuids("ci-bot")).hasSize(1);
    }

    @Test
    void createToAFileWritesTheSecretThereOnlyOwnerReadable() throws Exception {
        Path file = dir.resolve("atlan-key");
        Cli.Run run = Cli.run(
                FAKES.atlanEnv(),
                "atlan",
                "create",
                "ci-bot",
                "--description",
                "CI",
                "--persona",
                Fakes.PERSONA,
                "--secret-to",
                file.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret secret = Secret.of(Files.readString(file));
        assertThat(works(secret)).isTrue();
        assertThat(run.all()).doesNotContain(secret.reveal());
        assertThat(run.out()).contains("Created Atlan API token 'ci-bot'").contains("written to " + file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        List<String> guids = FAKES.atlan.tokenGuids("ci-bot");
        assertThat(FAKES.atlan.personasOf(guids.get(0))).contains(List.of(Fakes.PERSONA));
    }

    @Test
    void createToACommandHandsTheSecretToItsStandardInput() throws Exception {
        Path file = dir.resolve("from-stdin");
        Cli.Run run =
                Cli.run(FAKES.atlanEnv(), "atlan", "create", "ci-bot", "--secret-to-command", "cat > '" + file + "'");
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret secret = Secret.of(Files.readString(file));
        assertThat(works(secret)).isTrue();
        assertThat(run.all()).doesNotContain(secret.reveal());
    }

    @Test
    void aFailingCommandSaysTheTokenExistsAndHowToPurgeIt() {
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "create", "ci-bot", "--secret-to-command", "exit 3")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        String guid = FAKES.atlan.tokenGuids("ci-bot").get(0);
        assertThat(run.err())
                .contains("was created but its secret could not be stored")
                .contains("exited with status 3")
                .contains("catalogkit atlan purge " + guid + " --yes");
    }

    @Test
    void rotateStoresTheNewSecretThenRevokesTheOldToken() throws Exception {
        Path file = dir.resolve("nightly-key");
        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "rotate", FAKES.nightly.guid(), "--secret-to", file.toString())
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret replacement = Secret.of(Files.readString(file));
        assertThat(run.all()).doesNotContain(replacement.reveal());
        assertThat(works(replacement)).isTrue();
        assertThat(works(FAKES.nightly.secret())).isFalse();
        assertThat(FAKES.atlan.tokenGuids("nightly-sync")).hasSize(1).doesNotContain(FAKES.nightly.guid());
        assertThat(run.out())
                .startsWith("Rotated Atlan API token 'nightly-sync'")
                .contains("  - revoked the old");
    }

    @Test
    void rotateWithGraceKeepsTheOldTokenThatLongThenRevokesIt() throws Exception {
        Path file = dir.resolve("nightly-key");
        Cli.Run run = Cli.run(
                        FAKES.atlanEnv(),
                        "atlan",
                        "rotate",
                        FAKES.nightly.guid(),
                        "--secret-to",
                        file.toString(),
                        "--grace",
                        "1s")
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("kept the old token valid for a grace period of");
        assertThat(works(FAKES.nightly.secret())).isFalse();
        assertThat(works(Secret.of(Files.readString(file)))).isTrue();
    }

    @Test
    void purgeNeedsYesAndThenDeletes() {
        Cli.Run refused = Cli.run(FAKES.atlanEnv(), "atlan", "purge", FAKES.weekly.guid());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(FAKES.atlan.tokenGuids("weekly-export")).hasSize(1);

        Cli.Run run = Cli.run(FAKES.atlanEnv(), "atlan", "purge", FAKES.weekly.guid(), "--yes");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(FAKES.atlan.tokenGuids("weekly-export")).isEmpty();
    }

    @Test
    void aRefusedCredentialFailsWithOneLineNamingTheVariable() {
        Cli.Run run = Cli.run(Fakes.with(FAKES.atlanEnv(), "ATLAN_API_KEY", "not-a-valid-key"), "atlan", "list")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).startsWith("catalogkit: Atlan: ").contains("ATLAN_API_KEY");
        assertThat(run.all()).doesNotContain("not-a-valid-key");
    }

    @Test
    void debugAddsTheStackTraceButNoSecret() {
        Cli.Run run = Cli.run(
                        Fakes.with(FAKES.atlanEnv(), "ATLAN_API_KEY", "not-a-valid-key"), "atlan", "list", "--debug")
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("catalogkit: Atlan: ")
                .contains("\tat ")
                .contains("Exception");
        assertThat(run.all()).doesNotContain("not-a-valid-key");
    }

    @Test
    void aRotationWhoseSinkFailsKeepsTheOldTokenAndShowsNoSecretEvenWithDebug() throws Exception {
        Path file = dir.resolve("seen-by-the-command");
        Cli.Run run = Cli.run(
                FAKES.atlanEnv(),
                "--debug",
                "atlan",
                "rotate",
                FAKES.nightly.guid(),
                "--secret-to-command",
                "cat > '" + file + "'; echo refused >&2; exit 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("catalogkit: Atlan: ").contains("\tat ");
        Secret replacement = Secret.of(Files.readString(file));
        run.printedNone(replacement).printedNone(FAKES.secrets());
        assertThat(works(FAKES.nightly.secret())).isTrue(); // the old token was kept
        assertThat(works(replacement)).isFalse(); // and the replacement removed
    }
}
