package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.SecretSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** The {@link SecretSink} for a {@link Destination}; every secret it stores is remembered as one. */
final class Sinks {
    /** How long a --secret-to-command command may take. */
    private static final long COMMAND_SECONDS = 60;

    private Sinks() {}

    static SecretSink of(Session session, Destination d) {
        SecretSink sink;
        if (d.file() != null) {
            sink = toFile(d.file());
        } else if (d.command() != null) {
            sink = toCommand("sh", "-c", d.command());
        } else {
            sink = secret -> {
                session.out().println(secret.reveal());
                session.out().flush();
            };
        }
        return secret -> {
            session.secret(secret.reveal());
            sink.store(secret);
        };
    }

    // TODO(stores): SecretSink.toFile / SecretSink.toCommand replace the two below once they land.

    /** The value alone, written beside the target, forced to disk, moved over it; owner-only. */
    static SecretSink toFile(Path path) {
        return secret -> {
            Path target = path.toAbsolutePath();
            Path dir = target.getParent();
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path temp = posix
                    ? Files.createTempFile(
                            dir,
                            "." + target.getFileName(),
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(secret.reveal().getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        };
    }

    /** The value on the helper's standard input; stored when it exits 0 in time; output not shown. */
    static SecretSink toCommand(String... command) {
        return secret -> {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(secret.reveal().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a command that exits without reading its input is judged by its exit status
            }
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(
                        "the --secret-to-command command did not finish within " + COMMAND_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the --secret-to-command command exited with status " + p.exitValue());
            }
        };
    }

    /** A sink that keeps the secret in memory, for the demo: a stand-in for a vault. */
    static SecretSink discard(Session session) {
        return (Secret secret) -> session.secret(secret.reveal());
    }
}
