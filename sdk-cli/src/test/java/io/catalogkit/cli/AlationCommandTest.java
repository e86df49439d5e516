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

/** {@code catalogkit alation rotate-refresh-token} against FakeAlation over loopback. */
class AlationCommandTest {
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

    @Test
    void rotateRefreshTokenStoresTheNewValueAndTheOldOneStops() throws Exception {
        Path file = dir.resolve("refresh-token");
        Cli.Run run = Cli.run(FAKES.alationEnv(), "alation", "rotate-refresh-token", "--secret-to", file.toString())
                .printedNone(FAKES.secrets());
        assertThat(run.exitCode()).as(run.all()).isZero();
        Secret replacement = Secret.of(Files.readString(file));
        assertThat(run.all()).doesNotContain(replacement.reveal());
        assertThat(run.out()).startsWith("Rotated Alation refresh token 'ci-pipeline' of user " + FAKES.userId);
        assertThat(FAKES.alation.refreshTokenStatus(replacement)).contains("ACTIVE");
        assertThat(FAKES.alation.refreshTokenStatus(FAKES.refresh))
                .isNotEqualTo(FAKES.alation.refreshTokenStatus(replacement));
    }

    @Test
    void anOAuthClientHasNoRefreshTokenToRotate() {
        Map<String, String> oauth = Map.of(
                "ALATION_BASE_URL", FAKES.alation.baseUrl(),
                "ALATION_CLIENT_ID", "ci",
                "ALATION_CLIENT_SECRET", "client-secret-value");
        Cli.Run run = Cli.run(
                        oauth,
                        "alation",
                        "rotate-refresh-token",
                        "--secret-to",
                        dir.resolve("x").toString())
                .failedWithOneLine();
        assertThat(run.err()).contains("ALATION_REFRESH_TOKEN").contains("ALATION_USER_ID");
        assertThat(run.all()).doesNotContain("client-secret-value");
        assertThat(FAKES.alation.requests()).isEmpty();
    }

    @Test
    void aRefusedRefreshTokenFailsWithOneLine() {
        Cli.Run run = Cli.run(
                        Fakes.with(FAKES.alationEnv(), "ALATION_REFRESH_TOKEN", "not-a-refresh-token"),
                        "alation",
                        "rotate-refresh-token",
                        "--secret-to",
                        dir.resolve("x").toString())
                .failedWithOneLine()
                .printedNone(FAKES.secrets());
        assertThat(run.err()).startsWith("catalogkit: Alation: ");
        assertThat(run.all()).doesNotContain("not-a-refresh-token");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
