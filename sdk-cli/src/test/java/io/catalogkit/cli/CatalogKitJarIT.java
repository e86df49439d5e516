package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built jar, run as a user runs it: {@code java -jar catalogkit.jar ...} in its own process,
 * after {@code package}. The completion script generated at build time lies beside it.
 */
class CatalogKitJarIT {
    private static final Path JAR = Path.of(System.getProperty("catalogkit.cli.jar"));
    private static final Path COMPLETION = Path.of(System.getProperty("catalogkit.cli.completion"));

    record Run(int exitCode, String output) {}

    static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.matches("(ATLAN|ALATION|DATAHUB)_.*"));
        Path log = Files.createTempFile("catalogkit", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hang, not a timing check
            p.destroyForcibly();
            throw new AssertionError("catalogkit did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(p.exitValue(), output);
    }

    @Test
    void versionRunsFromTheJarAndLoadsNoSdkHttpOrJsonClass() throws Exception {
        Run run = java("-Xlog:class+load=info", "-jar", JAR.toString(), "--version");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("(?m)^catalogkit \\d+\\.\\d+\\.\\d+");
        assertThat(run.output())
                .doesNotContain("picocli.CommandLine")
                .doesNotContain("io.catalogkit.tokens")
                .doesNotContain("io.catalogkit.core")
                .doesNotContain("okhttp3.")
                .doesNotContain("com.fasterxml.");
    }

    @Test
    void demoRunsFromTheJar() throws Exception {
        Run run = java("-jar", JAR.toString(), "demo");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("PLATFORM  KIND")
                .contains("nightly-sync")
                .contains("Rotated Atlan API token 'nightly-sync'")
                .doesNotContain("Exception")
                .doesNotContain("SLF4J");
    }

    @Test
    void aUsageErrorExitsWith2() throws Exception {
        Run run = java("-jar", JAR.toString(), "inventory", "--expiring-within", "soon");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).startsWith("catalogkit: Invalid value for option '--expiring-within'");
    }

    @Test
    void theCompletionScriptIsBesideTheJar() throws Exception {
        assertThat(COMPLETION).isRegularFile();
        assertThat(Files.readString(COMPLETION))
                .contains("complete -F _complete_catalogkit")
                .contains("rotate-refresh-token")
                .contains("--fail-if-expiring-within");
    }
}
