package io.catalogkit.benchmarks.fleet;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A store that reaches its readers late, as a Kubernetes secret volume does: what the writer puts
 * in a staging file appears in the readers' file {@code lag} later, swapped in atomically (a
 * temporary file beside it, moved over it).
 */
final class LaggingStore {
    private final Path stage;
    private final Path store;
    private final List<String> names;
    private final Duration lag;
    private final ScheduledExecutorService executor;
    private final Map<String, byte[]> seen = new HashMap<>();

    LaggingStore(Path stage, Path store, List<String> names, Duration lag, ScheduledExecutorService executor) {
        this.stage = stage;
        this.store = store;
        this.names = names;
        this.lag = lag;
        this.executor = executor;
    }

    void start() throws IOException {
        for (String n : names) {
            seen.put(n, Files.readAllBytes(stage.resolve(n)));
        }
        executor.scheduleWithFixedDelay(this::poll, 20, 20, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        for (String n : names) {
            byte[] now;
            try {
                now = Files.readAllBytes(stage.resolve(n));
            } catch (NoSuchFileException e) {
                continue; // between a sink's steps: read again next time
            } catch (IOException e) {
                System.err.println("fleet: staging file unreadable: " + e.getMessage());
                continue;
            }
            if (!Arrays.equals(now, seen.get(n))) {
                seen.put(n, now);
                // one thread polls and the delay is the same for every change: changes land in order
                executor.schedule(() -> publish(n, now), lag.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void publish(String name, byte[] value) {
        Path target = store.resolve(name);
        try {
            Path tmp = Files.createTempFile(
                    store,
                    "." + name,
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, value);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("fleet: could not publish " + name + ": " + e.getMessage());
        }
    }
}
