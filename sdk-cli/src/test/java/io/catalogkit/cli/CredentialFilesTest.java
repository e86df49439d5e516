package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code _FILE} forms of the credential variables, as a mounted Kubernetes secret gives them. */
class CredentialFilesTest {
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

    private Path file(String name, Secret value) throws Exception {
        return Files.writeString(dir.resolve(name), value.reveal() + "\n");
    }

    @Test
    void everyPlatformReadsItsCredentialFromAFile() throws Exception {
        Map<String, String> env = Map.of(
                "ATLAN_BASE_URL", FAKES.atlan.baseUrl(),
                "ATLAN_API_KEY_FILE", file("atlan", FAKES.atlanKey).toString(),
                "ALATION_BASE_URL", FAKES.alation.baseUrl(),
                "ALATION_REFRESH_TOKEN_FILE", file("alation", FAKES.refresh).toString(),
                "ALATION_USER_ID", Long.toString(FAKES.userId),
                "DATAHUB_GMS_URL", FAKES.hub.baseUrl(),
                "DATAHUB_GMS_TOKEN_FILE", file("datahub", FAKES.hubKey).toString());
        Cli.Run run = Cli.run(env, "inventory", "--format", "csv").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out().lines().skip(1)).hasSize(8);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMissingFileFailsWithOneLineNamingIt() {
        Path missing = dir.resolve("no-such-key");
        Cli.Run run = Cli.run(
                        Map.of("ATLAN_BASE_URL", FAKES.atlan.baseUrl(), "ATLAN_API_KEY_FILE", missing.toString()),
                        "atlan",
                        "list")
                .failedWithOneLine();
        assertThat(run.err()).startsWith("catalogkit: Atlan: ").contains(missing.toString());
        assertThat(FAKES.atlan.requests()).isEmpty();
    }

    @Test
    void aRefreshTokenRotatedIntoItsOwnFileIsReadFromThereNextTime() throws Exception {
        Path token = file("alation", FAKES.refresh);
        Map<String, String> env = Map.of(
                "ALATION_BASE_URL", FAKES.alation.baseUrl(),
                "ALATION_REFRESH_TOKEN_FILE", token.toString(),
                "ALATION_USER_ID", Long.toString(FAKES.userId));
        Cli.Run first = Cli.run(env, "alation", "rotate-refresh-token", "--secret-to", token.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        Secret second = Secret.of(Files.readString(token));
        assertThat(second).isNotEqualTo(FAKES.refresh);

        Cli.Run again = Cli.run(env, "alation", "rotate-refresh-token", "--secret-to", token.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(Secret.of(Files.readString(token))).isNotEqualTo(second);
        first.printedNone(FAKES.refresh, second);
        again.printedNone(FAKES.refresh, second);
    }
}
