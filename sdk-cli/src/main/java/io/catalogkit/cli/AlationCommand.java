package io.catalogkit.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code catalogkit alation ...}: the Alation refresh token in ALATION_REFRESH_TOKEN. */
@Command(
        name = "alation",
        mixinStandardHelpOptions = true,
        description = "Alation refresh tokens. Needs ALATION_BASE_URL, ALATION_REFRESH_TOKEN (or"
                + " ALATION_REFRESH_TOKEN_FILE) and ALATION_USER_ID.",
        subcommands = {AlationCommand.RotateRefreshToken.class})
final class AlationCommand {
    static final String PLATFORM = "Alation";

    /** {@code alation rotate-refresh-token}. */
    @Command(
            name = "rotate-refresh-token",
            mixinStandardHelpOptions = true,
            description = "Regenerate the refresh token in ALATION_REFRESH_TOKEN and store the new value. Alation"
                    + " ends the old value at once: the destination must be where its users read it.")
    static final class RotateRefreshToken extends Base {
        @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where the new secret goes (one of):%n")
        Destination.ForRotation destination;

        @Override
        public Integer call() {
            return AlationOps.rotate(session(PLATFORM), destination.destination());
        }
    }
}
