package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalogkit datahub ...} against FakeDataHub over loopback. */
class DataHubCommandTest {
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

    /** Whether a token of jdoe's is accepted: jdoe may list the tokens jdoe owns. */
    private static boolean works(Secret token) {
        try (DataHubClient c = DataHubClient.builder()
                .baseUrl(FAKES.hub.baseUrl())
                .token(token)
                .maxRetries(0)
                .build()) {
            c.accessTokens().list(0, 1, Fakes.JDOE);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    @Test
    void listShowsEveryTokenForAnAdmin() {
        Cli.Run run = Cli.run(FAKES.hubEnv(), "datahub", "list").printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .startsWith("NAME")
                .contains("laptop", "ingestion", FAKES.laptop.id())
                .endsWith("3 access tokens\n");
    }

    @Test
    void listByOwner() {
        Cli.Run run = Cli.run(FAKES.hubEnv(), "datahub", "list", "--owner", Fakes.JDOE);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("laptop").doesNotContain("ingestion").endsWith("1 access token\n");
    }

    @Test
    void createPrintsTheSecretOnlyWithShowSecret() {
        Cli.Run run = Cli.run(
                FAKES.hubEnv(),
                "datahub",
                "create",
                Fakes.JDOE,
                "--name",
                "ci",
                "--duration",
                "one_month",
                "--description",
                "nightly",
                "--show-secret");
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret secret = Secret.of(run.out().strip());
        assertThat(works(secret)).isTrue();
        assertThat(run.err()).startsWith("Created DataHub access token 'ci'").doesNotContain(secret.reveal());
    }

    @Test
    void rotateToAFileRevokesTheOldToken() throws Exception {
        Path file = dir.resolve("token");
        Cli.Run run = Cli.run(
                        FAKES.hubEnv(),
                        "datahub",
                        "rotate",
                        FAKES.laptop.id(),
                        "--duration",
                        "ONE_WEEK",
                        "--secret-to",
                        file.toString())
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret replacement = Secret.of(Files.readString(file));
        assertThat(run.all()).doesNotContain(replacement.reveal());
        assertThat(works(replacement)).isTrue();
        assertThat(works(FAKES.laptop.secret())).isFalse();
        assertThat(run.out()).startsWith("Rotated DataHub access token 'laptop'");
    }

    @Test
    void rotateWithGraceSaysSo() throws Exception {
        Path file = dir.resolve("token");
        Cli.Run run = Cli.run(
                        FAKES.hubEnv(),
                        "datahub",
                        "rotate",
                        FAKES.laptop.id(),
                        "--duration",
                        "ONE_WEEK",
                        "--secret-to-command",
                        "cat > '" + file + "'",
                        "--grace",
                        "PT1S")
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("kept the old token valid for a grace period of");
        assertThat(works(Secret.of(Files.readString(file)))).isTrue();
        assertThat(works(FAKES.laptop.secret())).isFalse();
    }

    @Test
    void revokeAndRevokeAgain() {
        Cli.Run run = Cli.run(FAKES.hubEnv(), "datahub", "revoke", FAKES.ingestion.id());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("Revoked DataHub access token");
        assertThat(works(FAKES.ingestion.secret())).isFalse();
        Cli.Run again = Cli.run(FAKES.hubEnv(), "datahub", "revoke", FAKES.ingestion.id());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("was already gone");
    }

    @Test
    void aBadDurationNameIsAUsageErrorListingTheNames() {
        Cli.Run run = Cli.run(
                FAKES.hubEnv(), "datahub", "create", Fakes.JDOE, "--name", "x", "--duration", "2d", "--show-secret");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--duration").contains("ONE_MONTH").contains("NO_EXPIRY");
        assertThat(FAKES.hub.requests()).isEmpty();
    }

    @Test
    void aRefusedTokenFailsWithOneLine() {
        Cli.Run run = Cli.run(Fakes.with(FAKES.hubEnv(), "DATAHUB_GMS_TOKEN", "not-a-token"), "datahub", "list")
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).startsWith("catalogkit: DataHub: ").contains("DATAHUB_GMS_TOKEN");
    }
}
