package io.catalogkit.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalogkit inventory}: every token on the configured platforms. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = {
            "List every token on each platform whose environment variables are set (the others are skipped,"
                    + " and said so on standard error).",
            "Exit status 3 when --fail-if-expiring-within finds tokens expiring within that time."
        })
final class InventoryCommand extends Base {
    /** The platforms, as written on the command line. */
    enum Catalog {
        atlan,
        alation,
        datahub
    }

    /** The renderings of the report. */
    enum Format {
        table,
        json,
        csv
    }

    @Option(
            names = "--platform",
            paramLabel = "PLATFORM",
            description = "Only this platform: ${COMPLETION-CANDIDATES}. Repeat for several; default: all configured.")
    List<Catalog> platforms = List.of();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--expiring-within",
            paramLabel = "DUR",
            converter = Durations.class,
            description = "Only tokens not expired yet that expire within DUR (30s, 15m, 12h, 14d or ISO-8601).")
    Duration expiringWithin;

    @Option(
            names = "--fail-if-expiring-within",
            paramLabel = "DUR",
            converter = Durations.class,
            description = "Exit with status 3, listing them on standard error, when tokens expire within DUR.")
    Duration failIfExpiringWithin;

    @Override
    public Integer call() {
        List<String> names = platforms.stream().map(Enum::name).distinct().toList();
        return InventoryOps.run(session("inventory"), names, format.name(), expiringWithin, failIfExpiringWithin);
    }
}
