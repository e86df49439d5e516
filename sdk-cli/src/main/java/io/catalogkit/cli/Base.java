package io.catalogkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every runnable subcommand shares: the run's {@link Session}. */
abstract class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /**
     * The run's session, naming the platform the command works on in its failure messages.
     *
     * @param platform e.g. {@code "Atlan"}
     * @return the session
     */
    Session session(String platform) {
        Session s = ((CatalogKitCommand) spec.root().userObject()).session();
        s.platform(platform);
        return s;
    }
}
