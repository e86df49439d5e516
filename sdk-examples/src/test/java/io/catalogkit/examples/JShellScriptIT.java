package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's JShell set-up, run non-interactively: the shaded jar built in {@code package}, the
 * startup script, and the inventory script, with the platforms' variables pointing at fakes. Each
 * test has its own fakes and jshell process, so the tests run two at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class JShellScriptIT {
    private static final Path JAR = Path.of(System.getProperty("catalogkit.jshell.jar"));
    private static final Path SCRIPTS = Path.of(System.getProperty("catalogkit.jshell.scripts"));

    record Run(int exitCode, String output) {}

    /** Starts the JDK's own jshell, as the README does, with exactly these platform variables. */
    static Run jshell(Map<String, String> env) throws IOException, InterruptedException {
        return jshell(env, SCRIPTS.resolve("inventory.jsh"));
    }

    /** As {@link #jshell(Map)}, running another script after the startup script. */
    static Run jshell(Map<String, String> env, Path script) throws IOException, InterruptedException {
        String exe = System.getProperty("os.name").startsWith("Windows") ? "jshell.exe" : "jshell";
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", exe).toString(),
                        // jshell and its agent JVM with C1 only: a short script, so a third less CPU
                        "-J-XX:TieredStopAtLevel=1",
                        "-R-XX:TieredStopAtLevel=1",
                        "--class-path",
                        JAR.toString(),
                        "--startup",
                        "DEFAULT",
                        "--startup",
                        SCRIPTS.resolve("catalogkit.jsh").toString(),
                        script.toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.matches("(ATLAN|ALATION|DATAHUB)_.*"));
        pb.environment().putAll(env);
        Path log = Files.createTempFile("jshell", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hang, not a timing check
            p.destroyForcibly();
            throw new AssertionError("jshell did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(p.exitValue(), output);
    }

    @Test
    void theShadedJarExists() {
        assertThat(JAR).isRegularFile();
    }

    @Test
    void withThePlatformVariablesSetTheStartupScriptMakesReadyClients() throws Exception {
        try (FakeAtlan atlan = new FakeAtlan().start();
                FakeAlation alation = new FakeAlation().start();
                FakeDataHub hub = new FakeDataHub().start()) {
            Secret atlanKey = atlan.addApiToken("jshell-admin").secret();
            long userId =
                    alation.addUser("jdoe@example.com", "correct-horse-battery").id();
            Secret refresh = alation.addRefreshToken(userId, "jshell").secret();
            Secret hubKey = hub.addAdmin("urn:li:corpuser:datahub")
                    .addAccessToken("urn:li:corpuser:datahub")
                    .secret();

            Run run = jshell(Map.of(
                    "ATLAN_BASE_URL", atlan.baseUrl(),
                    "ATLAN_API_KEY", atlanKey.reveal(),
                    "ALATION_BASE_URL", alation.baseUrl(),
                    "ALATION_REFRESH_TOKEN", refresh.reveal(),
                    "ALATION_USER_ID", Long.toString(userId),
                    "DATAHUB_GMS_URL", hub.baseUrl(),
                    "DATAHUB_GMS_TOKEN", hubKey.reveal()));

            assertThat(run.output())
                    .contains("catalogkit ready: atlan client, alation client, datahub client")
                    .contains("PLATFORM  KIND")
                    .contains("jshell-admin")
                    .contains("refresh-token          jshell")
                    .contains("personal-access-token")
                    .contains("4 tokens as of")
                    .doesNotContain("Exception")
                    .doesNotContain(atlanKey.reveal())
                    .doesNotContain(refresh.reveal())
                    .doesNotContain(hubKey.reveal());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(atlan.requests("/api/service/apikeys")).isNotEmpty();
        }
    }

    @Test
    void aPlatformThatFailsMakesTheScriptFail() throws Exception {
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            atlan.addApiToken("jshell-admin");
            Run run = jshell(Map.of("ATLAN_BASE_URL", atlan.baseUrl(), "ATLAN_API_KEY", "not-a-valid-key"));
            assertThat(run.output()).contains("Atlan: listing failed: AuthenticationException");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        }
    }

    /**
     * With nothing configured: the README's first suggestion, then the inventory script, in one
     * jshell session (a jshell start costs seconds).
     */
    @Test
    void withoutVariablesTheSessionStartsAgainstTheFakesAndSaysSoAndTheReadmesFirstSuggestionWorks() throws Exception {
        Path script = Files.createTempFile("readme", ".jsh");
        try {
            Files.writeString(
                    script,
                    "System.out.print(inventory().collect().toTable());\n"
                            + "System.out.println(\"fakes: \" + sandbox.atlanFake().baseUrl());\n"
                            + "System.out.println(\"--- inventory.jsh\");\n"
                            + "/open " + SCRIPTS.resolve("inventory.jsh") + "\n");
            Run run = jshell(Map.of(), script);
            String output = run.output();
            int split = output.indexOf("--- inventory.jsh");
            assertThat(split).as(output).isPositive();
            String readme = output.substring(0, split);
            String inventory = output.substring(split);
            assertThat(readme)
                    .contains("catalogkit ready against the embedded fakes")
                    .contains("catalogkit-admin")
                    .contains("fakes: http://127.0.0.1:")
                    .doesNotContain("needs at least one client");
            assertThat(inventory)
                    .contains("PLATFORM  KIND")
                    .contains("nightly-sync")
                    .contains("ci-pipeline")
                    .contains("laptop")
                    .doesNotContain("No platform");
            assertThat(output).doesNotContain("Exception");
            assertThat(List.of(output.split("\n"))).noneMatch(l -> l.contains("Error"));
            assertThat(run.exitCode()).as(output).isZero();
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void aHalfConfiguredPlatformIsNotHiddenBehindTheFakes() throws Exception {
        Run run = jshell(Map.of("ATLAN_BASE_URL", "https://tenant.atlan.example"));
        assertThat(run.output())
                .contains("catalogkit ready: atlan not set, alation not set, datahub not set")
                .contains("No platform fully configured")
                .doesNotContain("embedded fakes (no");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    }
}
