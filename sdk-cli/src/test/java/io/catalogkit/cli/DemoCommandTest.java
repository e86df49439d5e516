package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code catalogkit demo} needs no configuration: it ignores the environment it is given. */
class DemoCommandTest {
    @Test
    void demoListsTheFakesTokensAndRotatesOne() {
        Cli.Run run = Cli.run(Map.of("ATLAN_BASE_URL", "https://unused.example.com"), "demo");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("$ catalogkit inventory")
                .contains("PLATFORM  KIND")
                .contains("nightly-sync")
                .contains("ci-pipeline")
                .contains("laptop")
                .contains("Rotated Atlan API token 'nightly-sync'")
                .contains("(not shown)");
        assertThat(run.err()).isEmpty();
    }
}
