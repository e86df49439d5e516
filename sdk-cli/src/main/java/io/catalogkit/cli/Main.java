package io.catalogkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs {@code catalogkit}: {@code java -jar catalogkit.jar --help}. Exit status 0 done, 1 the
 * operation failed, 2 a usage error, 3 tokens expire within {@code --fail-if-expiring-within}.
 */
public final class Main {
    /** Exit status when the operation failed. */
    static final int FAILED = 1;

    /** Exit status of a usage error. */
    static final int USAGE = 2;

    /** Exit status when {@code --fail-if-expiring-within} found tokens. */
    static final int EXPIRING = 3;

    /** The subcommands, by name, in the order help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    /** The arguments that, alone or together, ask for the version only. */
    private static final Set<String> VERSION_ONLY = Set.of("-V", "--version", "--debug", "-q", "--quiet");

    private Main() {}

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("demo", DemoCommand.class);
        m.put("inventory", InventoryCommand.class);
        m.put("atlan", AtlanCommand.class);
        m.put("datahub", DataHubCommand.class);
        m.put("alation", AlationCommand.class);
        return m;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandLine cl = commandLine(
                new CatalogKitCommand(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                subcommandsFor(args));
        System.exit(cl.execute(args));
    }

    /**
     * Runs the command line as {@link #main} does (registering only the subcommand the arguments
     * name), over a given environment and writers, and returns the exit status.
     *
     * @param args the arguments
     * @param env the environment variables credentials are read from
     * @param terminal whether to treat standard error as a terminal
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    static int run(String[] args, Map<String, String> env, boolean terminal, PrintWriter out, PrintWriter err) {
        return commandLine(new CatalogKitCommand(env, terminal), out, err, subcommandsFor(args))
                .execute(args);
    }

    /**
     * The subcommands a run needs: picocli reads every registered command's annotations before it
     * parses, which is most of its start-up, so a run registers only the subcommand it names, and
     * {@code --version} none. Help, no arguments and an unknown command get them all (to list
     * them, or suggest one).
     *
     * @param args the arguments
     * @return the names of the subcommands to register
     */
    static List<String> subcommandsFor(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return SUBCOMMANDS.containsKey(a) ? List.of(a) : List.copyOf(SUBCOMMANDS.keySet());
            }
        }
        boolean versionOnly = args.length > 0 && List.of(args).stream().allMatch(VERSION_ONLY::contains);
        return versionOnly ? List.of() : List.copyOf(SUBCOMMANDS.keySet());
    }

    /**
     * The command line over a given environment, with output to the given writers, as tests run it.
     *
     * @param env the environment variables credentials are read from
     * @param terminal whether to treat standard error as a terminal (progress is shown only then)
     * @param out standard output
     * @param err standard error
     * @return the command line, ready for {@link CommandLine#execute(String...)}
     */
    public static CommandLine commandLine(Map<String, String> env, boolean terminal, PrintWriter out, PrintWriter err) {
        return commandLine(new CatalogKitCommand(env, terminal), out, err, List.copyOf(SUBCOMMANDS.keySet()));
    }

    /**
     * The whole command line, every subcommand registered, over the process's environment: what the
     * completion script is generated from.
     *
     * @return the command line
     */
    static CommandLine full() {
        return commandLine(
                new CatalogKitCommand(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                List.copyOf(SUBCOMMANDS.keySet()));
    }

    private static CommandLine commandLine(
            CatalogKitCommand root, PrintWriter out, PrintWriter err, List<String> subcommands) {
        CommandLine cl = new CommandLine(root);
        for (String name : subcommands) {
            cl.addSubcommand(name, SUBCOMMANDS.get(name));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> FAILED);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, failed, parsed) -> failure(root, e, failed));
        return cl;
    }

    /** A usage error: one line saying what was wrong, one saying where help is; exit status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("catalogkit: " + oneLine(e.getMessage()).replaceFirst("^Error: ", ""));
        if (e instanceof UnmatchedArgumentException u) {
            UnmatchedArgumentException.printSuggestions(u, err);
        }
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /**
     * A failed operation: one line naming the platform and what to do, the stack trace only with
     * {@code --debug}, never a secret; exit status 1.
     */
    private static int failure(CatalogKitCommand root, Exception e, CommandLine failed) {
        PrintWriter err = failed.getErr();
        Session session = root.sessionIfStarted();
        if (e instanceof CliException c) {
            err.println(clean(session, "catalogkit: " + c.getMessage()));
        } else {
            String platform = session == null ? "catalogkit" : session.platform();
            // the SDK's exception types are loaded only here, once something failed
            err.println(clean(session, "catalogkit: " + Failures.describe(platform, e)));
        }
        if (root.debug()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(session == null ? trace : session.redact(trace.toString()));
        }
        err.flush();
        return e instanceof CliException c ? c.exitCode() : FAILED;
    }

    private static String clean(Session session, String line) {
        return oneLine(session == null ? line : session.redact(line));
    }

    /** Text on one line: line breaks and other control characters become spaces. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().replaceAll(" {2,}", " ").strip();
    }
}
