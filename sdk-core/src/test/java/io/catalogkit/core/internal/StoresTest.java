package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    private static final String SECRET = "s3cr3t-VALUE-41f7";

    @TempDir
    Path dir;

    // ---- file ----

    @Test
    void aFileIsReadAgainOnEveryGet() throws Exception {
        Path f = dir.resolve("key");
        Files.writeString(f, "first\n");
        CredentialSource source = CredentialSource.fromFile(f);
        assertThat(source.get().reveal()).isEqualTo("first");
        Files.writeString(f, "second\n");
        assertThat(source.get().reveal()).isEqualTo("second");
    }

    @Test
    void aKubernetesSecretVolumeIsFollowedWhenItsDataLinkIsSwapped() throws Exception {
        // the layout kubelet writes: key -> ..data/key, ..data -> ..<timestamp>, swapped by rename
        Path first = Files.createDirectory(dir.resolve("..2026_12_04_15_00_00.1"));
        Files.writeString(first.resolve("key"), "old-value\n");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(dir.resolve("key"), Path.of("..data", "key"));
        CredentialSource source = CredentialSource.fromFile(dir.resolve("key"));
        assertThat(source.get().reveal()).isEqualTo("old-value");

        Path second = Files.createDirectory(dir.resolve("..2026_12_04_16_00_00.2"));
        Files.writeString(second.resolve("key"), "new-value\n");
        Path tmpLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(tmpLink, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(second.getFileName());

        assertThat(source.get().reveal()).isEqualTo("new-value");
    }

    @Test
    void exactlyOneTrailingLineBreakIsRemoved() throws Exception {
        assertThat(readFile("v\n")).isEqualTo("v");
        assertThat(readFile("v\r\n")).isEqualTo("v");
        assertThat(readFile("v")).isEqualTo("v");
        assertThat(readFile("v\n\n")).isEqualTo("v\n");
        assertThat(readFile("v\r\n\r\n")).isEqualTo("v\r\n");
        assertThat(readFile(" v \n")).isEqualTo(" v ");
        assertThat(readFile("v\r")).isEqualTo("v\r");
    }

    private String readFile(String content) throws Exception {
        Path f = Files.createTempFile(dir, "k", "");
        Files.writeString(f, content);
        return CredentialSource.fromFile(f).get().reveal();
    }

    @Test
    void aMissingFileIsNamedWithWhatToDo() {
        Path f = dir.resolve("absent");
        assertThatThrownBy(() -> CredentialSource.fromFile(f).get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aBlankFileIsAnErrorNamingThePath() throws Exception {
        for (String blank : new String[] {"", "\n", "\r\n", "   \n", "\t"}) {
            Path f = Files.createTempFile(dir, "blank", "");
            Files.writeString(f, blank);
            assertThatThrownBy(() -> CredentialSource.fromFile(f).get())
                    .isInstanceOf(CatalogKitException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("empty");
        }
    }

    @Test
    void aDirectoryIsAnErrorNamingThePath() {
        assertThatThrownBy(() -> CredentialSource.fromFile(dir).get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedWithoutItsContent() throws Exception {
        Path f = dir.resolve("big");
        Files.writeString(f, SECRET.repeat(Stores.MAX_BYTES / SECRET.length() + 1));
        Throwable t = catchThrowable(() -> CredentialSource.fromFile(f).get());
        assertThat(t).isInstanceOf(CatalogKitException.class).hasMessageContaining("larger than 64 KiB");
        assertNoSecretIn(t);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithoutItsContent() throws Exception {
        Path f = dir.resolve("bin");
        Files.write(f, new byte[] {'a', (byte) 0xff, 'b'});
        assertThatThrownBy(() -> CredentialSource.fromFile(f).get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aFileSourceNamesItsPathAndIsNotFixed() throws Exception {
        Path f = dir.resolve("key");
        Files.writeString(f, SECRET);
        CredentialSource source = CredentialSource.fromFile(f);
        assertThat(source.get().reveal()).isEqualTo(SECRET);
        assertThat(source).hasToString("CredentialSource[file " + f + "]");
        assertThat(Stores.nameOf(source)).isEqualTo("the file " + f);
        assertThat(Stores.isFixed(source)).isFalse();
        assertThat(source.toString() + Stores.nameOf(source)).doesNotContain(SECRET);
    }

    // ---- command ----

    @Test
    void aCommandsOutputLessOneLineBreakIsTheValueAndItRunsOnEveryGet() throws Exception {
        Path f = dir.resolve("value");
        Files.writeString(f, "one\n\n");
        CredentialSource source = CredentialSource.fromCommand("cat", f.toString());
        assertThat(source.get().reveal()).isEqualTo("one\n");
        Files.writeString(f, "two\r\n");
        assertThat(source.get().reveal()).isEqualTo("two");
        assertThat(CredentialSource.fromCommand("printf", "%s", "v").get().reveal())
                .isEqualTo("v");
    }

    @Test
    void aCommandRunsWithoutAShell() throws Exception {
        // through a shell, $HOME would be expanded and the ; would end the command
        assertThat(CredentialSource.fromCommand("printf", "%s", "$HOME;x").get().reveal())
                .isEqualTo("$HOME;x");
    }

    @Test
    void aCommandGetsNoStandardInput() throws Exception {
        // cat with no argument copies its standard input: closed at once, so it prints nothing
        assertThatThrownBy(() -> Stores.command(Duration.ofSeconds(10), "cat").get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("printed nothing");
    }

    @Test
    void aCommandSourceNamesItsCommandAndIsNotFixed() {
        CredentialSource source = CredentialSource.fromCommand("vault", "kv", "get", "-field=key", "secret/my app");
        assertThat(source).hasToString("CredentialSource[command vault kv get -field=key 'secret/my app']");
        assertThat(Stores.nameOf(source)).isEqualTo("the command vault kv get -field=key 'secret/my app'");
        assertThat(Stores.isFixed(source)).isFalse();
    }

    @Test
    void aNonZeroExitNamesTheCommandAndStatusButNeverTheOutput() throws Exception {
        Path script = script("cat '" + secretFile() + "'; cat '" + secretFile() + "' >&2; exit 3");
        Throwable t = catchThrowable(
                () -> CredentialSource.fromCommand("sh", script.toString()).get());
        assertThat(t)
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("sh " + script)
                .hasMessageContaining("status 3");
        assertNoSecretIn(t);
    }

    @Test
    void blankOutputIsAnErrorNamingTheCommand() {
        assertThatThrownBy(() -> CredentialSource.fromCommand("printf", "  \\n").get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("printf")
                .hasMessageContaining("printed nothing");
        assertThatThrownBy(() -> CredentialSource.fromCommand("true").get()).hasMessageContaining("the command true");
    }

    @Test
    void aProgramThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> CredentialSource.fromCommand("no-such-helper-xyz", "arg")
                        .get())
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("no-such-helper-xyz arg")
                .hasMessageContaining("could not be started")
                .hasMessageContaining("PATH");
    }

    @Test
    void aHangingCommandIsStoppedWithTheProcessesItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        // the shell records its own pid and its child's, then waits on the child
        Path script = script("sleep 30 & echo $$ $! > '" + pids + "'; wait");
        long start = System.nanoTime();
        Throwable t = catchThrowable(() ->
                Stores.command(Duration.ofMillis(500), "sh", script.toString()).get());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(t)
                .isInstanceOf(CatalogKitException.class)
                .hasMessageContaining("did not finish within 500 ms")
                .hasMessageContaining("sh " + script);
        assertThat(took).as("ms to give up on a hanging helper").isLessThan(15_000);
        String[] both = Files.readString(pids).trim().split(" ");
        assertThat(both).hasSize(2);
        for (String pid : both) {
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(pid));
            if (h.isPresent()) {
                h.get().onExit().get(10, TimeUnit.SECONDS);
                assertThat(h.get().isAlive()).as("process " + pid).isFalse();
            }
        }
    }

    @Test
    void endlessOutputIsCutAtTheBound() throws Exception {
        Path lines = dir.resolve("lines");
        Files.writeString(lines, (SECRET + "\n").repeat(1000));
        Path script = script("while :; do cat '" + lines + "'; done");
        Throwable t = catchThrowable(() ->
                Stores.command(Duration.ofSeconds(20), "sh", script.toString()).get());
        assertThat(t).isInstanceOf(CatalogKitException.class).hasMessageContaining("more than 64 KiB");
        assertNoSecretIn(t);
    }

    @Test
    void aCommandMustNameAProgramAndATimeoutMustBePositive() {
        assertThatThrownBy(() -> CredentialSource.fromCommand()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialSource.fromCommand(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialSource.fromCommand("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Stores.command(Duration.ZERO, "true")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- fixed and env ----

    @Test
    void aFixedValueNamedByItsVariableNeverShowsIt() throws Exception {
        Stores.Store s = Stores.fixed(Secret.of(SECRET), "X_TOKEN");
        assertThat(s.get().reveal()).isEqualTo(SECRET);
        assertThat(s.fixed()).isTrue();
        assertThat(s.storeName()).isEqualTo("the environment variable X_TOKEN");
        assertThat(s).hasToString("CredentialSource[env X_TOKEN]");
    }

    private Path secretFile() throws Exception {
        Path f = dir.resolve("secret");
        if (!Files.exists(f)) {
            Files.writeString(f, SECRET + "\n");
        }
        return f;
    }

    private Path script(String body) throws Exception {
        Path s = Files.createTempFile(dir, "helper", ".sh");
        Files.writeString(s, body + "\n", StandardCharsets.UTF_8);
        return s;
    }

    /** Neither the message nor the cause chain holds the secret. */
    private static void assertNoSecretIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET);
            assertThat(c.toString()).doesNotContain(SECRET);
        }
    }
}
