package io.catalogkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
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

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandLine cl = commandLine(
                new CatalogKitCommand(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(cl.execute(args));
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
        return commandLine(new CatalogKitCommand(env, terminal), out, err);
    }

    private static CommandLine commandLine(CatalogKitCommand root, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
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
