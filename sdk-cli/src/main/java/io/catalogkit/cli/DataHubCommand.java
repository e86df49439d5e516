package io.catalogkit.cli;

import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalogkit datahub ...}: DataHub access tokens, with DATAHUB_GMS_URL and DATAHUB_GMS_TOKEN. */
@Command(
        name = "datahub",
        mixinStandardHelpOptions = true,
        description = "DataHub access tokens. Needs DATAHUB_GMS_URL and DATAHUB_GMS_TOKEN (or DATAHUB_GMS_TOKEN_FILE).",
        subcommands = {
            DataHubCommand.ListTokens.class,
            DataHubCommand.Create.class,
            DataHubCommand.Rotate.class,
            DataHubCommand.Revoke.class
        })
final class DataHubCommand {
    static final String PLATFORM = "DataHub";

    private static final String DURATIONS =
            "ONE_HOUR, ONE_DAY, ONE_WEEK, ONE_MONTH, THREE_MONTHS, SIX_MONTHS, ONE_YEAR or NO_EXPIRY";

    /** Checks a DataHub duration name when it is given, loading the SDK only then. */
    static final class DurationName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return DataHubOps.durationName(value);
        }
    }

    /** {@code datahub list [--owner URN]}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List access tokens: all of them for an admin, else your own.")
    static final class ListTokens extends Base {
        @Option(names = "--owner", paramLabel = "URN", description = "Only the tokens this user created.")
        String owner;

        @Override
        public Integer call() {
            return DataHubOps.list(session(PLATFORM), owner);
        }
    }

    /** {@code datahub create ACTOR_URN --name NAME --duration ...}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an access token that acts as ACTOR_URN; its secret goes where one of the"
                    + " destination options says.")
    static final class Create extends Base {
        @Parameters(paramLabel = "ACTOR_URN", description = "Whom the token acts as, e.g. urn:li:corpuser:jdoe.")
        String actor;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The token's name.")
        String name;

        @Option(
                names = "--duration",
                required = true,
                paramLabel = "DURATION",
                converter = DurationName.class,
                description = "How long it is valid: " + DURATIONS + ".")
        String duration;

        @Option(names = "--description", paramLabel = "TEXT", description = "Its description.")
        String description;

        @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where the new secret goes (one of):%n")
        Destination.ForNew destination;

        @Override
        public Integer call() {
            return DataHubOps.create(session(PLATFORM), actor, name, duration, description, destination.destination());
        }
    }

    /** {@code datahub rotate ID --duration ...}. */
    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Replace an access token by a new one for the same actor, name and description; the"
                    + " new secret is stored before the old token is revoked.")
    static final class Rotate extends Base {
        @Parameters(paramLabel = "ID", description = "The token's id (see 'datahub list').")
        String id;

        @Option(
                names = "--duration",
                required = true,
                paramLabel = "DURATION",
                converter = DurationName.class,
                description = "How long the new token is valid: " + DURATIONS + ".")
        String duration;

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
            return DataHubOps.rotate(session(PLATFORM), id, duration, destination.destination(), grace);
        }
    }

    /** {@code datahub revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an access token.")
    static final class Revoke extends Base {
        @Parameters(paramLabel = "ID", description = "The token's id (see 'datahub list').")
        String id;

        @Override
        public Integer call() {
            return DataHubOps.revoke(session(PLATFORM), id);
        }
    }
}
