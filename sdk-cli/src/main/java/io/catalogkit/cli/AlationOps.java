package io.catalogkit.cli;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AlationClient;

/** What the {@code alation} commands do, on the SDK's public API. */
final class AlationOps {
    private static final String P = AlationCommand.PLATFORM;

    private AlationOps() {}

    static int rotate(Session s, Destination d) {
        SecretSink sink = Sinks.of(s, d);
        Clients.AlationRefresh refresh = Clients.alationRefresh(s);
        Secret current = Clients.read(refresh.refreshToken(), P, "ALATION_REFRESH_TOKEN");
        // the token endpoints carry their credentials in the body: no client credentials needed
        try (AlationClient client =
                AlationClient.builder().baseUrl(refresh.baseUrl()).build()) {
            Rotation<RefreshToken> r = client.refreshTokens().rotate(current, refresh.userId(), sink);
            s.out()
                    .println("Rotated Alation refresh token '"
                            + Table.escape(r.getReplacement().getName())
                            + "' of user " + refresh.userId() + ", expires "
                            + Show.time(r.getReplacement().getExpiresAt())
                            + "; the new value was " + d.describe() + " and the old one no longer works.");
            Show.steps(s, r);
            return 0;
        }
    }
}
