package io.catalogkit.examples;

import io.catalogkit.core.Secret;
import java.io.PrintStream;

/**
 * The runnable tour of catalogkit: each platform's example in turn, against the embedded fake
 * catalogs unless that platform's environment variables point at a real one.
 *
 * <p>Run it with {@code ./mvnw -q -pl sdk-examples -am compile exec:java}.
 */
public final class Tour {
    private Tour() {}

    /**
     * Runs the tour.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("catalogkit tour");
        out.println("===============");
        secrets(out);
        section(out, "Atlan: API tokens");
        AtlanExample.run(out);
        section(out, "Alation: refresh and access tokens");
        AlationExample.run(out);
        section(out, "DataHub: personal access tokens");
        DataHubExample.run(out);
        section(out, "Across catalogs: inventory and rotation");
        InventoryExample.run(out);
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    /** What a {@link Secret} shows: never its value unless asked. */
    static void secrets(PrintStream out) {
        Secret key = Secret.of("example-api-key-0000-1234");
        out.println();
        out.println("Secrets");
        out.println("  toString() : " + key);
        out.println("  masked()   : " + key.masked());
    }
}
