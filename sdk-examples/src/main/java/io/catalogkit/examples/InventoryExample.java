package io.catalogkit.examples;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.inventory.InventoryReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Across catalogs: one inventory of the tokens on Atlan, Alation and DataHub (here the {@link
 * Sandbox}: three embedded fakes seeded with expired, soon-expiring and never-expiring tokens of
 * several owners), printed as a table, and one rotation per platform into a stand-in vault. No
 * secret is printed.
 */
public final class InventoryExample {
    private InventoryExample() {}

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        Map<String, Secret> vault = new TreeMap<>(); // stands in for a vault or a Kubernetes secret
        try (Sandbox sandbox = Sandbox.start()) {
            AtlanClient atlan = sandbox.atlan();
            AlationClient alation = sandbox.alation();
            DataHubClient datahub = sandbox.datahub();
            InventoryReport report = sandbox.inventory().collect();
            out.println("Every token on the three embedded fakes:");
            out.print(report.toTable());
            out.println("Expiring within 7 days: "
                    + report.expiringWithin(Duration.ofDays(7)).getEntries().size() + "; never expiring: "
                    + report.neverExpiring().getEntries().size() + "; owned by " + Sandbox.JDOE + ": "
                    + report.ownedBy(Sandbox.JDOE).getEntries().size());

            out.println();
            out.println("One rotation per platform (new secret to the vault, then the old one revoked):");
            Rotation<ApiToken> a = atlan.apiTokens()
                    .rotate(sandbox.nightly().guid(), into(vault, "atlan/nightly-sync"), Sandbox.JDOE_BEARER);
            summary(out, "Atlan 'nightly-sync'", a.isOldRevoked(), a.getSteps().size());
            a.getSteps().forEach(s -> out.println("      - " + s));
            Rotation<AccessToken> d = datahub.accessTokens()
                    .rotate(
                            sandbox.dataHubFake().tokenId(sandbox.laptop()),
                            AccessTokenDuration.ONE_MONTH,
                            into(vault, "datahub/laptop"));
            summary(out, "DataHub 'laptop'", d.isOldRevoked(), d.getSteps().size());
            Rotation<RefreshToken> r = alation.refreshTokens()
                    .rotate(sandbox.refreshToken(), sandbox.userId(), into(vault, "alation/ci-pipeline"));
            summary(out, "Alation 'ci-pipeline'", r.isOldRevoked(), r.getSteps().size());
            out.println("    the Alation client switched to the new refresh token and still works: "
                    + alation.currentAccessToken().masked());
            out.println("  vault now holds: " + vault.keySet());
        }
    }

    private static SecretSink into(Map<String, Secret> vault, String key) {
        return secret -> vault.put(key, secret);
    }

    private static void summary(PrintStream out, String what, boolean oldRevoked, int steps) {
        out.println("  " + what + ": replaced, old one " + (oldRevoked ? "revoked" : "STILL ACTIVE") + " (" + steps
                + " steps)");
    }
}
