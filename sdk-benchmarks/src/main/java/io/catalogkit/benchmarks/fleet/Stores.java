package io.catalogkit.benchmarks.fleet;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.SecretSink;
import java.nio.file.Path;

/** Writes a store file the way a rotation does: through {@link SecretSink#toFile}. */
final class Stores {
    private Stores() {}

    static void write(Path file, Secret value) throws Exception {
        SecretSink.toFile(file).store(value);
    }
}
