package io.catalogkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;

/**
 * The jar's entry point: answers {@code --version} without loading picocli or anything else, so the
 * version alone starts in about a bare JVM's time, and hands every other command line to {@link
 * Main}.
 */
public final class Launcher {
    /** The arguments that, alone or together, ask for the version only. */
    private static final Set<String> VERSION_ONLY = Set.of("-V", "--version", "--debug", "-q", "--quiet");

    private Launcher() {}

    /**
     * Runs {@code catalogkit}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (asksForTheVersionOnly(args)) {
            for (String line : versionLines()) {
                System.out.println(line);
            }
            System.exit(0);
        }
        Main.main(args);
    }

    /**
     * Whether the arguments ask for the version and nothing else ({@code --version} or {@code -V},
     * with {@code --debug} or {@code --quiet} at most).
     *
     * @param args the arguments
     * @return true when only the version is asked for
     */
    static boolean asksForTheVersionOnly(String[] args) {
        boolean version = false;
        for (String a : args) {
            if (!VERSION_ONLY.contains(a)) {
                return false;
            }
            version |= a.equals("--version") || a.equals("-V");
        }
        return version;
    }

    /**
     * What {@code --version} prints: catalogkit's version, as the build wrote it into {@code
     * version.properties}, and the Java that runs it.
     *
     * @return the lines
     */
    static String[] versionLines() {
        Properties p = new Properties();
        try (InputStream in = Launcher.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is then "dev"
        }
        return new String[] {
            "catalogkit " + p.getProperty("version", "dev"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
