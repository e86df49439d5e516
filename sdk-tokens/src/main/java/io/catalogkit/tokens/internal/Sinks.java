package io.catalogkit.tokens.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.ProcessRunner;
import io.catalogkit.tokens.SecretSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The sinks {@link SecretSink}'s factories make: a file replaced atomically, a helper program. */
public final class Sinks {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private Sinks() {}

    /**
     * A sink that replaces a file with the secret alone: written beside it, forced to disk, moved
     * over it atomically, owner read/write only where the file system has POSIX permissions.
     *
     * @param path the file
     * @return the sink
     */
    public static SecretSink toFile(Path path) {
        Objects.requireNonNull(path, "path");
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new IllegalArgumentException("path must name a file, not a root: " + path);
        }
        return new SecretSink() {
            @Override
            public void store(Secret secret) {
                write(path, target, dir, secret);
            }

            @Override
            public String toString() {
                return "SecretSink[file " + path + "]";
            }
        };
    }

    private static void write(Path shown, Path target, Path dir, Secret secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.reveal().getBytes(StandardCharsets.UTF_8);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            String prefix = "." + target.getFileName() + ".";
            tmp = posix
                    ? Files.createTempFile(dir, prefix, ".tmp", OWNER_ONLY)
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new CatalogKitException(
                    "Could not write the secret to the file " + shown + " ("
                            + e.getClass().getSimpleName()
                            + "): its directory must be writable and the path must not be a directory; a mounted"
                            + " Kubernetes secret is read-only, store there with SecretSink.toCommand (kubectl)",
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the original failure is what the caller needs to hear about
                }
            }
        }
    }

    /** Makes a rename durable where the file system lets a directory be opened and forced. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (Windows): the rename is still done
        }
    }

    /**
     * A sink that runs a helper program with the secret on its standard input, within 30 seconds.
     *
     * @param command the program and its arguments
     * @return the sink
     */
    public static SecretSink toCommand(String... command) {
        return toCommand(ProcessRunner.DEFAULT_TIMEOUT, command);
    }

    /**
     * A sink that runs a helper program with the secret on its standard input.
     *
     * @param timeout how long the program may run before it is stopped
     * @param command the program and its arguments
     * @return the sink
     */
    public static SecretSink toCommand(Duration timeout, String... command) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        List<String> argv = ProcessRunner.argv(command);
        String described = ProcessRunner.describe(argv);
        return new SecretSink() {
            @Override
            public void store(Secret secret) throws InterruptedException {
                Objects.requireNonNull(secret, "secret");
                byte[] input = secret.reveal().getBytes(StandardCharsets.UTF_8);
                ProcessRunner.Result r = ProcessRunner.run(argv, input, timeout, 0);
                if (r.exitStatus() != 0) {
                    throw new CatalogKitException("The command " + described + " exited with status " + r.exitStatus()
                            + ", so the secret was not stored (its output is not shown): run it by hand to see why");
                }
                if (!r.inputRead()) {
                    throw new CatalogKitException(
                            "The command " + described + " exited before reading the secret from"
                                    + " its standard input, so it was not stored: give a command that reads its standard input");
                }
            }

            @Override
            public String toString() {
                return "SecretSink[command " + described + "]";
            }
        };
    }
}
