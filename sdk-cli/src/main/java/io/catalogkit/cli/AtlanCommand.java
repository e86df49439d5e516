package io.catalogkit.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalogkit atlan ...}: Atlan API tokens, with ATLAN_BASE_URL and ATLAN_API_KEY. */
@Command(
        name = "atlan",
        mixinStandardHelpOptions = true,
        description = "Atlan API tokens. Needs ATLAN_BASE_URL and ATLAN_API_KEY (or ATLAN_API_KEY_FILE).",
        subcommands = {
            AtlanCommand.ListTokens.class,
            AtlanCommand.Get.class,
            AtlanCommand.Create.class,
            AtlanCommand.Rotate.class,
            AtlanCommand.Purge.class
        })
final class AtlanCommand {
    static final String PLATFORM = "Atlan";

    /** {@code atlan list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every API token.")
    static final class ListTokens extends Base {
        @Override
        public Integer call() {
            return AtlanOps.list(session(PLATFORM));
        }
    }

    /** {@code atlan get GUID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one API token.")
    static final class Get extends Base {
        @Parameters(paramLabel = "GUID", description = "The token's GUID (see 'atlan list').")
        String guid;

        @Override
        public Integer call() {
            return AtlanOps.get(session(PLATFORM), guid);
        }
    }

    /** {@code atlan create NAME ...}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an API token; its secret goes where one of the destination options says.")
    static final class Create extends Base {
        @Parameters(paramLabel = "NAME", description = "The token's display name.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "Its description.")
        String description;

        @Option(
                names = "--persona",
                paramLabel = "QUALIFIED_NAME",
                description = "A persona to link, by qualified name; repeat for several.")
        List<String> personas = List.of();

        @Option(
                names = "--validity",
                paramLabel = "DUR|never",
                converter = Durations.Validity.class,
                description = "How long it is valid (30s, 15m, 12h, 14d, ISO-8601) or never (the default;"
                        + " Atlan caps it before 2038).")
        Long validitySeconds;

        @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where the new secret goes (one of):%n")
        Destination.ForNew destination;

        @Override
        public Integer call() {
            return AtlanOps.create(
                    session(PLATFORM), name, description, personas, validitySeconds, destination.destination());
        }
    }

    /** {@code atlan rotate GUID ...}. */
    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Replace an API token by a new one with the same name, description, personas and"
                    + " validity; the new secret is stored before the old token is revoked.")
    static final class Rotate extends Base {
        @Parameters(paramLabel = "GUID", description = "The token's GUID (see 'atlan list').")
        String guid;

        @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where the new secret goes (one of):%n")
        Destination.ForRotation destination;

        @Option(
                names = "--grace",
                paramLabel = "DUR",
                converter = Durations.class,
                description = "Revoke the old token only DUR after the new secret was stored (both work meanwhile).")
        Duration grace;

        @Override
        public Integer call() {
            return AtlanOps.rotate(session(PLATFORM), guid, destination.destination(), grace);
        }
    }

    /** {@code atlan purge GUID --yes}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Delete an API token for good.")
    static final class Purge extends Base {
        @Parameters(paramLabel = "GUID", description = "The token's GUID (see 'atlan list').")
        String guid;

        @Option(names = "--yes", required = true, description = "Confirm: the token stops working at once.")
        boolean yes;

        @Override
        public Integer call() {
            return AtlanOps.purge(session(PLATFORM), guid);
        }
    }
}
