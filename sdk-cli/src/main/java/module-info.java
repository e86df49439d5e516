/**
 * The catalogkit command line: token inventory, expiry checks and rotation on Atlan, Alation and
 * DataHub, run as {@code java -jar catalogkit.jar}. It uses only catalogkit's public packages.
 */
module io.catalogkit.cli {
    requires io.catalogkit.tokens;
    requires io.catalogkit.testing;
    requires info.picocli;

    exports io.catalogkit.cli;

    // picocli reads the commands' annotations and sets their fields
    opens io.catalogkit.cli to
            info.picocli;
}
