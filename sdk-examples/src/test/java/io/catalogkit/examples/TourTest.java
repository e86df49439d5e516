package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tour runs end to end against the embedded fakes and prints no token value. */
class TourTest {
    private static String run(java.util.function.Consumer<PrintStream> example) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            example.accept(out);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void atlanStoryRunsAgainstTheFake() {
        String out = run(AtlanExample::run);
        assertThat(out)
                .contains("embedded FakeAtlan")
                .contains("found by name, client id and guid: the same token")
                .contains("is now an admin of connection")
                .contains("purged; lookup by guid now: empty")
                .doesNotContain("eyJ")
                .doesNotContainIgnoringCase("exception");
    }

    @Test
    void alationStoryRunsAgainstTheFake() {
        String out = run(AlationExample::run);
        assertThat(out)
                .contains("embedded FakeAlation")
                .contains("access tokens minted: 2")
                .contains("the old one is now REVOKED")
                .contains("no validate call was made (0)")
                .contains("OAuth client 'catalogkit-example': minted a JWT")
                .contains("through authInterceptor(): 200 [orders]; introspect: ACTIVE until")
                .doesNotContain("eyJ");
        assertThat(out.lines().filter(l -> l.contains("failed"))).isEmpty();
    }

    @Test
    void dataHubStoryRunsAgainstTheFake() {
        String out = run(DataHubExample::run);
        assertThat(out)
                .contains("embedded FakeDataHub")
                .contains("now has 2 token(s)")
                .contains("revoked: true")
                .contains("has 1 token(s) again")
                .doesNotContain("eyJ");
    }

    @Test
    void inventoryAndRotationStoryRunsAgainstTheFakes() {
        String out = run(InventoryExample::run);
        assertThat(out)
                .contains("PLATFORM  KIND")
                .contains("weekly-export")
                .contains("EXPIRED")
                .contains("never")
                .contains("Not listed:")
                .contains("Expiring within 7 days: 4; never expiring: 2")
                .contains("Atlan 'nightly-sync': replaced, old one revoked")
                .contains("made the replacement an admin of Connection 'prod-snowflake'")
                .contains("DataHub 'laptop': replaced, old one revoked")
                .contains("Alation 'ci-pipeline': replaced, old one revoked")
                .contains("vault now holds: [alation/ci-pipeline, atlan/nightly-sync, datahub/laptop]")
                .doesNotContain("STILL ACTIVE")
                .doesNotContain("eyJ");
    }
}
