package io.catalogkit.cli;

import io.catalogkit.core.CallListener;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.inventory.InventoryEntry;
import io.catalogkit.tokens.inventory.InventoryReport;
import io.catalogkit.tokens.inventory.TokenInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@code inventory} does: one {@link TokenInventory} over every configured platform. */
final class InventoryOps {
    private InventoryOps() {}

    static int run(Session s, List<String> only, String format, Duration expiringWithin, Duration failIf) {
        CallListener pages = new PageProgress(s);
        List<AutoCloseable> clients = new ArrayList<>();
        List<Platform> listed = new ArrayList<>();
        TokenInventory.Builder inventory = TokenInventory.builder();
        try {
            if (wanted(s, only, "atlan", AtlanCommand.PLATFORM, Clients.atlanConfigured(s), Clients.ATLAN_NEEDS)) {
                s.platform(AtlanCommand.PLATFORM); // names the platform if its client cannot be made
                inventory.atlan(opened(clients, Clients.atlan(s, pages)));
                listed.add(Platform.ATLAN);
            }
            if (wanted(
                    s, only, "alation", AlationCommand.PLATFORM, Clients.alationConfigured(s), Clients.ALATION_NEEDS)) {
                s.platform(AlationCommand.PLATFORM);
                inventory.alation(opened(clients, Clients.alation(s, pages)));
                listed.add(Platform.ALATION);
            }
            if (wanted(
                    s, only, "datahub", DataHubCommand.PLATFORM, Clients.dataHubConfigured(s), Clients.DATAHUB_NEEDS)) {
                s.platform(DataHubCommand.PLATFORM);
                inventory.datahub(opened(clients, Clients.dataHub(s, pages)));
                listed.add(Platform.DATAHUB);
            }
            if (listed.isEmpty()) {
                throw new CliException("no platform configured: set " + Clients.ATLAN_NEEDS + "; or "
                        + Clients.ALATION_NEEDS + "; or " + Clients.DATAHUB_NEEDS);
            }
            s.platform("inventory");
            InventoryReport report = inventory.build().collect();
            return report(s, report, listed, format, expiringWithin, failIf);
        } finally {
            for (AutoCloseable c : clients) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a client releases connections; nothing to report
                }
            }
        }
    }

    /** Prints a report as asked and decides the exit status; the demo prints its inventory here too. */
    static int report(
            Session s,
            InventoryReport report,
            List<Platform> listed,
            String format,
            Duration expiringWithin,
            Duration failIf) {
        for (Platform p : listed) {
            long n = report.getEntries().stream()
                    .filter(e -> e.getPlatform() == p)
                    .count();
            s.progress(name(p) + ": " + n + (n == 1 ? " token" : " tokens") + " listed");
        }
        InventoryReport shown = expiringWithin == null ? report : report.expiringWithin(expiringWithin);
        s.out()
                .print(
                        switch (format) {
                            case "json" -> shown.toJson() + "\n";
                            case "csv" -> shown.toCsv();
                            default -> shown.toTable();
                        });
        s.out().flush();
        List<String> failed = report.getGaps().stream()
                .filter(g -> g.contains(": listing failed"))
                .toList();
        for (String gap : failed) {
            s.err().println("catalogkit: " + Main.oneLine(gap) + " (check " + needs(gap) + ")");
        }
        boolean expiring = false;
        if (failIf != null) {
            InventoryReport soon = report.expiringWithin(failIf);
            expiring = !soon.getEntries().isEmpty();
            if (expiring) {
                int n = soon.getEntries().size();
                s.err()
                        .println("catalogkit: " + n + (n == 1 ? " token expires" : " tokens expire") + " within "
                                + describe(failIf) + ":");
                Table table = new Table("PLATFORM", "KIND", "NAME", "OWNER", "EXPIRES", "ID");
                for (InventoryEntry e : soon.getEntries()) {
                    table.row(
                            name(e.getPlatform()),
                            e.getKind(),
                            Show.text(e.getName()),
                            Show.text(e.getOwner()),
                            Show.time(e.getExpiresAt()),
                            e.getId());
                }
                s.err().print(table.render());
            }
        }
        s.err().flush();
        return !failed.isEmpty() ? Main.FAILED : expiring ? Main.EXPIRING : 0;
    }

    /**
     * Whether to list a platform: asked for (or all asked for) and configured. One not configured is
     * skipped, and said so, when all were asked for; named with {@code --platform}, it fails.
     */
    private static boolean wanted(
            Session s, List<String> only, String option, String platform, boolean configured, String needs) {
        if (!only.isEmpty() && !only.contains(option)) {
            return false;
        }
        if (!configured && only.isEmpty()) {
            s.err().println("catalogkit: " + platform + " skipped: not configured (set " + needs + ")");
            return false;
        }
        return true; // a platform named with --platform but not configured fails when its client is made
    }

    private static <C extends AutoCloseable> C opened(List<AutoCloseable> clients, C client) {
        clients.add(client);
        return client;
    }

    static String name(Platform p) {
        return switch (p) {
            case ATLAN -> AtlanCommand.PLATFORM;
            case ALATION -> AlationCommand.PLATFORM;
            case DATAHUB -> DataHubCommand.PLATFORM;
        };
    }

    private static String needs(String gap) {
        if (gap.startsWith(AtlanCommand.PLATFORM)) {
            return Clients.ATLAN_NEEDS;
        }
        if (gap.startsWith(AlationCommand.PLATFORM)) {
            return Clients.ALATION_NEEDS;
        }
        return Clients.DATAHUB_NEEDS;
    }

    /** A duration as the user would write it: {@code 14d}, {@code 12h}, {@code 15m} or {@code 30s}. */
    static String describe(Duration d) {
        long seconds = d.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** Counts the pages each platform listed, shown as progress when standard error is a terminal. */
    static final class PageProgress implements CallListener {
        private final Session session;
        private final Map<String, AtomicInteger> pages = new ConcurrentHashMap<>();

        PageProgress(Session session) {
            this.session = session;
        }

        @Override
        public void callEnded(Call call, Result result) {
            if (call.operation().startsWith("list") && result.outcome() == Outcome.SUCCESS) {
                int n = pages.computeIfAbsent(call.platform(), p -> new AtomicInteger())
                        .incrementAndGet();
                session.progress(display(call.platform()) + ": page " + n + " listed");
            }
        }

        private static String display(String platform) {
            return switch (platform) {
                case "atlan" -> AtlanCommand.PLATFORM;
                case "alation" -> AlationCommand.PLATFORM;
                case "datahub" -> DataHubCommand.PLATFORM;
                default -> platform;
            };
        }
    }
}
