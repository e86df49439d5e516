package io.catalogkit.tokens.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reliability suites leave their figures: printed, and kept in target/reliability/. */
final class Figures {
    private Figures() {}

    static void record(String suite, String text) {
        System.out.println(text);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(suite + ".txt"), text + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
