package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.internal.Sinks;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSinkTest {
    private static final Secret SECRET = Secret.of("s3cr3t-SINK-9c2e");

    @TempDir
    Path dir;

    // ---- toFile ----

    @Test
    void toFileWritesTheValueAloneOwnerReadWriteOnly() throws Exception {
        Path f = dir.resolve("token");
        SecretSink sink = SecretSink.toFile(f);
        sink.store(SECRET);
        assertThat(Files.readString(f)).isEqualTo(SECRET.reveal());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(listing()).containsExactly("token");
        assertThat(CredentialSource.fromFile(f).get()).isEqualTo(SECRET);
    }

    @Test
    void toFileReplacesAnExistingFileAndTightensItsMode() throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        SecretSink.toFile(f).store(Secret.of("new-value"));
        assertThat(Files.readString(f)).isEqualTo("new-value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(listing()).containsExactly("token");
    }

    @Test
    void aReaderNeverSeesAPartialFile() throws Exception {
        Path f = dir.resolve("token");
        String a = "a".repeat(200_000);
        String b = "b".repeat(150_000);
        SecretSink sink = SecretSink.toFile(f);
        sink.store(Secret.of(a));
        AtomicBoolean done = new AtomicBoolean();
        List<String> bad = new ArrayList<>();
        int[] reads = {0};
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String s = Files.readString(f);
                    reads[0]++;
                    if (!s.equals(a) && !s.equals(b)) {
                        bad.add(s.length() + " chars");
                    }
                } catch (NoSuchFileException e) {
                    bad.add("missing");
                } catch (Exception e) {
                    bad.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200; i++) {
            sink.store(Secret.of(i % 2 == 0 ? b : a));
        }
        done.set(true);
        reader.join(30_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(bad).isEmpty();
        assertThat(reads[0]).isPositive();
        assertThat(listing()).containsExactly("token");
    }

    @Test
    void aFailedWriteLeavesNothingBehindAndNamesThePathNotTheValue() throws Exception {
        // a non-empty directory where the file should be: the move over it fails
        Path target = Files.createDirectory(dir.resolve("token"));
        Files.writeString(target.resolve("inside"), "x");
        Throwable t = catchThrowable(() -> SecretSink.toFile(target).store(SECRET));
        assertThat(t).isInstanceOf(CatalogKitException.class).hasMessageContaining(target.toString());
        assertNoSecretIn(t);
        assertThat(listing()).containsExactly("token");
        try (Stream<Path> inside = Files.list(target)) {
            assertThat(inside).extracting(p -> p.getFileName().toString()).containsExactly("inside");
        }
    }

    @Test
    void aParentThatIsAFileIsAnErrorNamingThePath() throws Exception {
        Path parent = Files.writeString(dir.resolve("plain"), "x");
        Path target = parent.resolve("token");
        assertThatThrownBy(() -> SecretSink.toFile(target).store(SECRET))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining(target.toString());
        assertThat(listing()).containsExactly("plain");
    }

    @Test
    void toFileNamesThePath() {
        Path f = dir.resolve("token");
        assertThat(SecretSink.toFile(f)).hasToString("SecretSink[file " + f + "]");
    }

    // ---- toCommand ----

    @Test
    void toCommandGivesTheValueOnStandardInput() throws Exception {
        Path out = dir.resolve("out");
        SecretSink sink = SecretSink.toCommand("sh", "-c", "cat > \"$0\"", out.toString());
        sink.store(SECRET);
        assertThat(Files.readString(out)).isEqualTo(SECRET.reveal());
    }

    @Test
    void aNonZeroExitNamesTheCommandAndStatusButNotTheOutput() throws Exception {
        // the helper echoes what it was given on both outputs, then fails
        Throwable t =
                catchThrowable(() -> SecretSink.toCommand("sh", "-c", "v=$(cat); echo \"$v\"; echo \"$v\" >&2; exit 4")
                        .store(SECRET));
        assertThat(t)
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("sh -c")
                .hasMessageContaining("status 4")
                .hasMessageContaining("not stored");
        assertNoSecretIn(t);
    }

    @Test
    void aHelperThatDoesNotReadItsInputHasNotStoredIt() {
        // more than a pipe holds, so the write fails when it exits without reading
        Secret big = Secret.of("x".repeat(1 << 20));
        assertThatThrownBy(() -> SecretSink.toCommand("true").store(big))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("before reading");
    }

    @Test
    void aHangingHelperIsStoppedAndNamed() throws Exception {
        Path pid = dir.resolve("pid");
        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> Sinks.toCommand(
                        Duration.ofMillis(500), "sh", "-c", "echo $$ > \"$0\"; exec sleep 30", pid.toString())
                .store(SECRET));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(t)
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("did not finish within 500 ms")
                .hasMessageContaining("sh -c");
        assertThat(took).as("ms to give up on a hanging helper").isLessThan(15_000);
        Optional<ProcessHandle> h =
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
        if (h.isPresent()) {
            h.get().onExit().get(10, TimeUnit.SECONDS);
            assertThat(h.get().isAlive()).isFalse();
        }
    }

    @Test
    void aMissingProgramIsNamed() {
        assertThatThrownBy(() -> SecretSink.toCommand("no-such-store-cli-xyz").store(SECRET))
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("no-such-store-cli-xyz")
                .hasMessageContaining("could not be started");
    }

    @Test
    void toCommandNamesTheCommandAndChecksIt() {
        assertThat(SecretSink.toCommand("kubectl", "apply", "-f", "-"))
                .hasToString("SecretSink[command kubectl apply -f -]");
        assertThatThrownBy(() -> SecretSink.toCommand()).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertNoSecretIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET.reveal());
            assertThat(c.toString()).doesNotContain(SECRET.reveal());
        }
    }
}
