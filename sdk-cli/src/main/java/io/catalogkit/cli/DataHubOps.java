package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/** What the {@code datahub} commands do, on the SDK's public API. */
final class DataHubOps {
    private static final String P = DataHubCommand.PLATFORM;
    private static final int PAGE = 100;

    private DataHubOps() {}

    /** A DataHub duration name, checked against the SDK's {@link AccessTokenDuration}. */
    static String durationName(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        try {
            return AccessTokenDuration.valueOf(name).name();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not one of "
                    + Arrays.stream(AccessTokenDuration.values())
                            .map(Enum::name)
                            .collect(Collectors.joining(", ")));
        }
    }

    static int list(Session s, String owner) {
        try (DataHubClient client = Clients.dataHub(s, null)) {
            Table table = new Table("NAME", "ID", "ACTOR", "OWNER", "STATUS", "EXPIRES");
            Page<AccessToken> page = client.accessTokens().list(0, PAGE, owner);
            for (int n = 1; ; n++) {
                for (AccessToken t : page.getItems()) {
                    table.row(
                            Show.text(t.getName()),
                            Show.text(t.getId()),
                            Show.text(t.getActor()),
                            Show.text(t.getOwner()),
                            t.getStatus().name(),
                            Show.time(t.getExpiresAt()));
                }
                s.progress(P + ": page " + n + ", " + table.size() + " access tokens listed");
                if (!page.hasNextPage()) {
                    break;
                }
                page = page.nextPage();
            }
            s.out().print(table.render());
            s.out().println(table.size() + (table.size() == 1 ? " access token" : " access tokens"));
            return 0;
        }
    }

    static int create(Session s, String actor, String name, String duration, String description, Destination d) {
        SecretSink sink = Sinks.of(s, d);
        try (DataHubClient client = Clients.dataHub(s, null)) {
            AccessToken t =
                    client.accessTokens().create(actor, AccessTokenDuration.valueOf(duration), name, description);
            String id = t.getId().orElse("?");
            Secret secret = t.getSecret()
                    .orElseThrow(() -> new CliException(P + ": the answer to create held no secret for token " + id
                            + " (revoke it with 'catalogkit datahub revoke " + id + "')"));
            try {
                sink.store(secret);
            } catch (Exception e) {
                throw new CliException(
                        P + ": access token " + id + " was created but its secret could not be stored: "
                                + Main.oneLine(e.getMessage()) + " (revoke it with 'catalogkit datahub revoke " + id
                                + "' and try again)",
                        e);
            }
            Show.done(
                    s,
                    d,
                    "Created DataHub access token '" + name + "' (id " + id + ", expires " + Show.time(t.getExpiresAt())
                            + "); its secret was " + d.describe() + ".");
            return 0;
        }
    }

    static int rotate(Session s, String id, String duration, Destination d, Duration grace) {
        SecretSink sink = Sinks.of(s, d);
        try (DataHubClient client = Clients.dataHub(s, null)) {
            DataHubTokenService tokens = client.accessTokens();
            AccessTokenDuration lifetime = AccessTokenDuration.valueOf(duration);
            Rotation<AccessToken> r =
                    grace == null ? tokens.rotate(id, lifetime, sink) : tokens.rotate(id, lifetime, sink, grace);
            s.out()
                    .println("Rotated DataHub access token '"
                            + Table.escape(Show.text(r.getOld().getName()))
                            + "': new id " + Show.text(r.getReplacement().getId()) + ", expires "
                            + Show.time(r.getReplacement().getExpiresAt()) + "; the new secret was " + d.describe()
                            + ".");
            Show.steps(s, r);
            if (!r.isOldRevoked()) {
                throw new CliException(P + ": the new token is stored and works, but the old one (id " + id
                        + ") still works too: see the steps above, then 'catalogkit datahub revoke " + id + "'");
            }
            return 0;
        }
    }

    static int revoke(Session s, String id) {
        try (DataHubClient client = Clients.dataHub(s, null)) {
            boolean revoked = client.accessTokens().revoke(id);
            s.out()
                    .println(
                            revoked
                                    ? "Revoked DataHub access token " + Table.escape(id) + "."
                                    : "DataHub access token " + Table.escape(id) + " was already gone.");
            return 0;
        }
    }
}
