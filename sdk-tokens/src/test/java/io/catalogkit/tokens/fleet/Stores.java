package io.catalogkit.tokens.fleet;

import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.core.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A file store the tests write like a secret volume, a source that counts its reads, a sleeper that records. */
final class Stores {
    private Stores() {}

    static Path write(Path file, Secret value) throws IOException {
        Files.writeString(file, value.reveal() + "\n");
        return file;
    }

    /** fromFile, counting how often it is read. */
    static final class Counting implements CredentialSource {
        final CredentialSource file;
        final AtomicInteger reads = new AtomicInteger();

        Counting(Path path) {
            this.file = CredentialSource.fromFile(path);
        }

        @Override
        public Secret get() throws Exception {
            reads.incrementAndGet();
            return file.get();
        }
    }

    /** Records every wait instead of sleeping. */
    static final class Waits implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }

        Duration total() {
            return waits.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }
}
