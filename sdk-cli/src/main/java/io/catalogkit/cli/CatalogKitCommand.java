package io.catalogkit.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code catalogkit} command and its global options; {@link Main} adds the subcommands. It
 * imports nothing of the SDK, so {@code --version} and {@code --help} load neither a client nor an
 * HTTP or JSON library; each subcommand loads the SDK only when it runs.
 */
@Command(
        name = "catalogkit",
        mixinStandardHelpOptions = true,
        versionProvider = CatalogKitCommand.Version.class,
        description = {
            "Token inventory, expiry checks and rotation on Atlan, Alation and DataHub.",
            "",
            "Credentials come from the environment: ATLAN_BASE_URL + ATLAN_API_KEY; ALATION_BASE_URL +"
                    + " ALATION_REFRESH_TOKEN + ALATION_USER_ID (or ALATION_CLIENT_ID + ALATION_CLIENT_SECRET);"
                    + " DATAHUB_GMS_URL + DATAHUB_GMS_TOKEN. Each secret may instead be read from a file named"
                    + " by the same variable with _FILE appended (e.g. ATLAN_API_KEY_FILE)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:the operation failed (one line on standard error says why and what to do)",
            "2:usage error (unknown command or option, bad duration, no destination for a new secret)",
            "3:--fail-if-expiring-within found tokens expiring within that time (they are listed)"
        })
public final class CatalogKitCommand {
    private final Map<String, String> env;
    private final boolean terminal;
    private Session session;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too (never a secret), and catalogkit's DEBUG log lines.")
    private boolean debug;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "No progress on standard error, even on a terminal.")
    private boolean quiet;

    /** A command reading the process's environment, as {@link Main} runs it. */
    public CatalogKitCommand() {
        this(System.getenv(), System.console() != null);
    }

    /**
     * A command reading the given environment.
     *
     * @param env the environment variables the platforms' credentials are read from
     * @param terminal whether standard error is a terminal (progress is shown only then)
     */
    public CatalogKitCommand(Map<String, String> env, boolean terminal) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.terminal = terminal;
    }

    /** The run's context, made on first use, after the options were parsed. */
    Session session() {
        if (session == null) {
            session = new Session(
                    env, spec.commandLine().getOut(), spec.commandLine().getErr(), terminal && !quiet, debug);
        }
        return session;
    }

    /** Whether {@code --debug} was given, for the failure handler. */
    boolean debug() {
        return debug;
    }

    /** The session if a subcommand made one, else null. */
    Session sessionIfStarted() {
        return session;
    }

    /** Reads the version the build wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return Launcher.versionLines();
        }
    }
}
