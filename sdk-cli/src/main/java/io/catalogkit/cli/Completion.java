package io.catalogkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash/zsh completion script of {@code catalogkit}, from the commands themselves; the
 * build runs it, so the script always matches the jar beside it.
 */
public final class Completion {
    private Completion() {}

    /**
     * Writes the script.
     *
     * @param args the file to write
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Completion FILE");
        }
        String script = AutoComplete.bash("catalogkit", Main.full());
        Files.writeString(Path.of(args[0]), script, StandardCharsets.UTF_8);
    }
}
