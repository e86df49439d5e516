package io.catalogkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a new secret goes; exactly one of the options is given, or picocli reports a usage error
 * before anything is created.
 */
final class Destination {
    private final Path file;
    private final String command;
    private final boolean show;

    /** For a new token: a file, a command, or standard output. */
    static final class ForNew {
        @Option(
                names = "--secret-to",
                paramLabel = "FILE",
                description = "Write the new secret to FILE: atomically, readable by its owner only.")
        Path file;

        @Option(
                names = "--secret-to-command",
                paramLabel = "CMD",
                description = "Run CMD with sh -c, the new secret on its standard input (e.g. kubectl, vault).")
        String command;

        @Option(names = "--show-secret", description = "Print the new secret on standard output.")
        boolean show;

        Destination destination() {
            return new Destination(file, command, show);
        }
    }

    /** For a rotation: a file or a command, which must hold the secret before the old one goes. */
    static final class ForRotation {
        @Option(
                names = "--secret-to",
                paramLabel = "FILE",
                description = "Write the new secret to FILE: atomically, readable by its owner only.")
        Path file;

        @Option(
                names = "--secret-to-command",
                paramLabel = "CMD",
                description = "Run CMD with sh -c, the new secret on its standard input (e.g. kubectl, vault).")
        String command;

        Destination destination() {
            return new Destination(file, command, false);
        }
    }

    Destination(Path file, String command, boolean show) {
        this.file = file;
        this.command = command;
        this.show = show;
    }

    Path file() {
        return file;
    }

    String command() {
        return command;
    }

    boolean show() {
        return show;
    }

    /** For messages: where the secret went, never the secret. */
    String describe() {
        if (file != null) {
            return "written to " + file;
        }
        if (command != null) {
            return "handed to the --secret-to-command command";
        }
        return "printed on standard output";
    }
}
