package io.catalogkit.examples;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The life of an Atlan API token: create it, keep its secret, look it up three ways, link and
 * unlink personas, make it a connection admin and a collection viewer, list all tokens, purge it.
 *
 * <p>Runs against an embedded {@link FakeAtlan} unless {@code ATLAN_BASE_URL} and {@code
 * ATLAN_API_KEY} are set; then against that tenant, where these optional variables enable the
 * remaining steps: {@code ATLAN_PERSONAS} (comma-separated persona qualified names), {@code
 * ATLAN_IMPERSONATION_TOKEN} (the bearer token of a user who administers the assets), {@code
 * ATLAN_CONNECTION_GUID} and {@code ATLAN_COLLECTION_GUID}. The token it creates is always purged.
 * No secret is printed: the new token's secret is shown masked except its last four characters.
 */
public final class AtlanExample {
    private static final String CONNECTION = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    private static final String COLLECTION = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";

    private AtlanExample() {}

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
        Map<String, String> env = System.getenv();
        if (isSet(env, "ATLAN_BASE_URL") && isSet(env, "ATLAN_API_KEY")) {
            out.println("Atlan: tenant at ATLAN_BASE_URL");
            try (AtlanClient client = AtlanClient.fromEnv()) {
                Steps steps = new Steps(
                        env.get("ATLAN_BASE_URL").trim(),
                        personas(env.get("ATLAN_PERSONAS")),
                        isSet(env, "ATLAN_IMPERSONATION_TOKEN")
                                ? Secret.of(env.get("ATLAN_IMPERSONATION_TOKEN").trim())
                                : null,
                        blankToNull(env.get("ATLAN_CONNECTION_GUID")),
                        blankToNull(env.get("ATLAN_COLLECTION_GUID")));
                story(out, client, steps);
            }
            return;
        }
        out.println("Atlan: embedded FakeAtlan (set ATLAN_BASE_URL and ATLAN_API_KEY to use a tenant)");
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            atlan.addUser("jdoe", "jdoe-impersonation-bearer")
                    .addPersona("default/Tq8vNw3LkZp2Rx7Ym4Hc1J", "Data Engineers")
                    .addPersona("default/Hk2mPq9XwL4nVz7Rb3Dy8S", "Analysts")
                    .addAsset(CONNECTION, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                    .setAdminUsers(CONNECTION, "jdoe")
                    .allowWrite(CONNECTION, "jdoe")
                    .addAsset(COLLECTION, "Collection", "default/collection/jdoe/5b1e0c7a", "saved queries")
                    .setAdminUsers(COLLECTION, "jdoe")
                    .setViewerUsers(COLLECTION, "analyst1")
                    .allowWrite(COLLECTION, "jdoe");
            FakeAtlan.SeededToken admin = atlan.addApiToken("catalogkit-admin");
            try (AtlanClient client = AtlanClient.builder()
                    .baseUrl(atlan.baseUrl())
                    .apiKey(admin.secret())
                    .build()) {
                story(
                        out,
                        client,
                        new Steps(
                                atlan.baseUrl(),
                                List.of("default/Tq8vNw3LkZp2Rx7Ym4Hc1J", "default/Hk2mPq9XwL4nVz7Rb3Dy8S"),
                                Secret.of("jdoe-impersonation-bearer"),
                                CONNECTION,
                                COLLECTION));
            }
            // Atlan keeps a purged token's username in these lists until someone removes it.
            out.println("  connection admins after purge:  " + atlan.adminUsers(CONNECTION));
            out.println("  collection viewers after purge: " + atlan.viewerUsers(COLLECTION));
        }
    }

    private record Steps(
            String baseUrl, List<String> personas, Secret impersonation, String connection, String collection) {}

    private static void story(PrintStream out, AtlanClient client, Steps steps) {
        ApiTokenService tokens = client.apiTokens();
        String name = "catalogkit-example-" + UUID.randomUUID().toString().substring(0, 8);
        ApiToken token = tokens.create(name, "made by the catalogkit example", Set.of(), null);
        try {
            out.println("  created " + name + " (guid " + token.getGuid() + ")");
            Secret secret = token.getAccessToken().orElseThrow();
            out.println("  its secret, shown once: " + secret.masked());
            out.println(
                    "  expires " + token.getExpiresAt().map(Object::toString).orElse("(not reported)")
                            + " (\"never\" is capped at 5 years, before 2038)");

            String byName = tokens.retrieveByName(name).map(ApiToken::getGuid).orElse("(not found)");
            String byClientId =
                    tokens.getById(token.getClientId()).map(ApiToken::getGuid).orElse("(not found)");
            String byGuid =
                    tokens.getByGuid(token.getGuid()).map(ApiToken::getGuid).orElse("(not found)");
            out.println("  found by name, client id and guid: "
                    + (byName.equals(token.getGuid()) && byClientId.equals(byName) && byGuid.equals(byName)
                            ? "the same token"
                            : byName + " / " + byClientId + " / " + byGuid));

            if (steps.personas().isEmpty()) {
                out.println("  personas: skipped (set ATLAN_PERSONAS)");
            } else {
                Set<String> linked = tokens.linkPersonas(token.getGuid(), new LinkedHashSet<>(steps.personas()))
                        .getPersonaQualifiedNames();
                out.println("  linked personas: " + linked);
                Set<String> left = tokens.unlinkPersonas(
                                token.getGuid(), Set.of(steps.personas().get(0)))
                        .getPersonaQualifiedNames();
                out.println("  unlinked " + steps.personas().get(0) + ", left: " + left);
            }

            if (steps.impersonation() == null) {
                out.println("  admin/viewer: skipped (set ATLAN_IMPERSONATION_TOKEN)");
            } else {
                // The add calls add the client's own token, so use a client holding the new secret.
                try (AtlanClient asToken = AtlanClient.builder()
                        .baseUrl(steps.baseUrl())
                        .apiKey(secret)
                        .build()) {
                    if (steps.connection() == null) {
                        out.println("  connection admin: skipped (set ATLAN_CONNECTION_GUID)");
                    } else {
                        asToken.apiTokens().addApiTokenAsAdmin(steps.connection(), steps.impersonation());
                        out.println("  " + token.getServiceAccountUsername() + " is now an admin of connection "
                                + steps.connection());
                    }
                    if (steps.collection() == null) {
                        out.println("  collection viewer: skipped (set ATLAN_COLLECTION_GUID)");
                    } else {
                        asToken.apiTokens().addApiTokenAsViewer(steps.collection(), steps.impersonation());
                        out.println("  ... and a viewer of collection " + steps.collection());
                    }
                }
            }

            List<String> names = new ArrayList<>();
            long count = tokens.list(0, 50)
                    .autoPager()
                    .peek(t -> {
                        if (names.size() < 5) {
                            names.add(t.getDisplayName());
                        }
                    })
                    .count();
            out.println("  all tokens (autoPager): " + count + ", newest first: " + String.join(", ", names)
                    + (count > names.size() ? ", ..." : ""));
        } finally {
            tokens.purge(token.getGuid());
        }
        out.println("  purged; lookup by guid now: "
                + tokens.getByGuid(token.getGuid()).map(t -> "still there?").orElse("empty"));
    }

    private static List<String> personas(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.toList());
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
