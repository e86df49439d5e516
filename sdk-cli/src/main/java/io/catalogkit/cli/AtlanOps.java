package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.atlan.ApiTokenService;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/** What the {@code atlan} commands do, on the SDK's public API. */
final class AtlanOps {
    private static final String P = AtlanCommand.PLATFORM;
    private static final int PAGE = 100;

    private AtlanOps() {}

    static int list(Session s) {
        try (AtlanClient client = Clients.atlan(s, null)) {
            Table table = new Table("NAME", "GUID", "EXPIRES", "PERSONAS", "CLIENT_ID");
            Page<ApiToken> page = client.apiTokens().list(0, PAGE);
            for (int n = 1; ; n++) {
                for (ApiToken t : page.getItems()) {
                    table.row(
                            t.getDisplayName(),
                            t.getGuid(),
                            Show.time(t.getExpiresAt()),
                            Show.list(t.getPersonaQualifiedNames()),
                            t.getClientId());
                }
                s.progress(P + ": page " + n + ", " + table.size() + " API tokens listed");
                if (!page.hasNextPage()) {
                    break;
                }
                page = page.nextPage();
            }
            s.out().print(table.render());
            s.out().println(table.size() + (table.size() == 1 ? " API token" : " API tokens"));
            return 0;
        }
    }

    static int get(Session s, String guid) {
        try (AtlanClient client = Clients.atlan(s, null)) {
            ApiToken t = client.apiTokens()
                    .getByGuid(guid)
                    .orElseThrow(() -> new CliException(P + ": no API token with GUID " + Table.escape(guid)
                            + " (list them with 'catalogkit atlan list')"));
            Show.fields(s, new String[][] {
                {"name", t.getDisplayName()},
                {"guid", t.getGuid()},
                {"client id", t.getClientId()},
                {"service account", t.getServiceAccountUsername()},
                {"description", Show.text(t.getDescription())},
                {"personas", Show.list(t.getPersonaQualifiedNames())},
                {"created at", Show.time(t.getCreatedAt()).replace("never", "-")},
                {"created by", Show.text(t.getCreatedBy())},
                {"expires at", Show.time(t.getExpiresAt())}
            });
            return 0;
        }
    }

    static int create(Session s, String name, String description, List<String> personas, Long validity, Destination d) {
        SecretSink sink = Sinks.of(s, d);
        try (AtlanClient client = Clients.atlan(s, null)) {
            ApiToken t = client.apiTokens().create(name, description, new LinkedHashSet<>(personas), validity);
            Secret secret = t.getAccessToken()
                    .orElseThrow(() -> new CliException(P + ": the answer to create held no secret for token "
                            + t.getGuid() + " (purge it with 'catalogkit atlan purge " + t.getGuid() + " --yes')"));
            store(sink, secret, t.getGuid());
            Show.done(
                    s,
                    d,
                    "Created Atlan API token '" + t.getDisplayName() + "' (GUID " + t.getGuid() + ", expires "
                            + Show.time(t.getExpiresAt()) + "); its secret was " + d.describe() + ".");
            return 0;
        }
    }

    private static void store(SecretSink sink, Secret secret, String guid) {
        try {
            sink.store(secret);
        } catch (Exception e) {
            throw new CliException(
                    P + ": API token " + guid + " was created but its secret could not be stored: "
                            + Main.oneLine(e.getMessage()) + " (purge it with 'catalogkit atlan purge " + guid
                            + " --yes' and try again)",
                    e);
        }
    }

    static int rotate(Session s, String guid, Destination d, Duration grace) {
        return rotate(s, guid, Sinks.of(s, d), d.describe(), grace);
    }

    /**
     * Rotates a token into a sink.
     *
     * @param where where the sink puts the secret, for the message: "written to FILE"
     */
    static int rotate(Session s, String guid, SecretSink sink, String where, Duration grace) {
        try (AtlanClient client = Clients.atlan(s, null)) {
            ApiTokenService tokens = client.apiTokens();
            Rotation<ApiToken> r = grace == null ? tokens.rotate(guid, sink) : tokens.rotate(guid, sink, grace);
            s.out()
                    .println("Rotated Atlan API token '"
                            + Table.escape(r.getOld().getDisplayName()) + "': new GUID "
                            + r.getReplacement().getGuid() + ", expires "
                            + Show.time(r.getReplacement().getExpiresAt())
                            + "; the new secret was " + where + ".");
            Show.steps(s, r);
            if (!r.isOldRevoked()) {
                throw new CliException(P + ": the new token is stored and works, but the old one (GUID " + guid
                        + ") still works too: see the steps above, then 'catalogkit atlan purge " + guid + " --yes'");
            }
            return 0;
        }
    }

    static int purge(Session s, String guid) {
        try (AtlanClient client = Clients.atlan(s, null)) {
            client.apiTokens().purge(guid);
            s.out().println("Purged Atlan API token " + Table.escape(guid) + ".");
            return 0;
        }
    }
}
