package io.catalogkit.cli;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The clients, configured from the same environment variables as each client's {@code fromEnv()},
 * {@code _FILE} forms included, read from the session's (injectable) environment.
 */
final class Clients {
    static final String ATLAN_NEEDS = "ATLAN_BASE_URL and ATLAN_API_KEY (or ATLAN_API_KEY_FILE)";
    static final String ALATION_NEEDS = "ALATION_BASE_URL with ALATION_REFRESH_TOKEN (or ALATION_REFRESH_TOKEN_FILE)"
            + " and ALATION_USER_ID, or with ALATION_CLIENT_ID and ALATION_CLIENT_SECRET (or"
            + " ALATION_CLIENT_SECRET_FILE)";
    static final String ALATION_REFRESH_NEEDS =
            "ALATION_BASE_URL, ALATION_REFRESH_TOKEN (or ALATION_REFRESH_TOKEN_FILE) and ALATION_USER_ID";
    static final String DATAHUB_NEEDS = "DATAHUB_GMS_URL and DATAHUB_GMS_TOKEN (or DATAHUB_GMS_TOKEN_FILE)";

    private static final List<String> ATLAN_VARS = List.of("ATLAN_BASE_URL", "ATLAN_API_KEY", "ATLAN_API_KEY_FILE");
    private static final List<String> ALATION_VARS = List.of(
            "ALATION_BASE_URL",
            "ALATION_REFRESH_TOKEN",
            "ALATION_REFRESH_TOKEN_FILE",
            "ALATION_USER_ID",
            "ALATION_CLIENT_ID",
            "ALATION_CLIENT_SECRET",
            "ALATION_CLIENT_SECRET_FILE");
    private static final List<String> DATAHUB_VARS =
            List.of("DATAHUB_GMS_URL", "DATAHUB_GMS_TOKEN", "DATAHUB_GMS_TOKEN_FILE");

    /** A refused credential fails the command at once instead of waiting for its store to change. */
    private static final Duration CREDENTIAL_WAIT = Duration.ZERO;

    private Clients() {}

    /** The Alation refresh token and its user, as {@code rotate-refresh-token} needs them. */
    record AlationRefresh(String baseUrl, CredentialSource refreshToken, long userId) {}

    static boolean atlanConfigured(Session s) {
        return anySet(s.env(), ATLAN_VARS);
    }

    static boolean alationConfigured(Session s) {
        return anySet(s.env(), ALATION_VARS);
    }

    static boolean dataHubConfigured(Session s) {
        return anySet(s.env(), DATAHUB_VARS);
    }

    static AtlanClient atlan(Session s, CallListener listener) {
        if (!atlanConfigured(s)) {
            throw notConfigured(AtlanCommand.PLATFORM, ATLAN_NEEDS);
        }
        String url = require(s, AtlanCommand.PLATFORM, "ATLAN_BASE_URL", ATLAN_NEEDS);
        CredentialSource key = credential(s, AtlanCommand.PLATFORM, "ATLAN_API_KEY", ATLAN_NEEDS);
        return AtlanClient.builder()
                .baseUrl(url)
                .apiKey(key)
                .credentialWait(CREDENTIAL_WAIT)
                .listener(orNone(listener))
                .build();
    }

    static DataHubClient dataHub(Session s, CallListener listener) {
        if (!dataHubConfigured(s)) {
            throw notConfigured(DataHubCommand.PLATFORM, DATAHUB_NEEDS);
        }
        String url = require(s, DataHubCommand.PLATFORM, "DATAHUB_GMS_URL", DATAHUB_NEEDS);
        CredentialSource token = credential(s, DataHubCommand.PLATFORM, "DATAHUB_GMS_TOKEN", DATAHUB_NEEDS);
        return DataHubClient.builder()
                .baseUrl(url)
                .token(token)
                .credentialWait(CREDENTIAL_WAIT)
                .listener(orNone(listener))
                .build();
    }

    /**
     * An Alation client as {@code AlationClient.fromEnv()} makes it: the refresh token when its pair
     * is set, else the OAuth client; a half-set pair is an error naming the missing variable.
     */
    static AlationClient alation(Session s, CallListener listener) {
        if (!alationConfigured(s)) {
            throw notConfigured(AlationCommand.PLATFORM, ALATION_NEEDS);
        }
        Map<String, String> env = s.env();
        boolean refresh =
                anySet(env, List.of("ALATION_REFRESH_TOKEN", "ALATION_REFRESH_TOKEN_FILE", "ALATION_USER_ID"));
        boolean oauth =
                anySet(env, List.of("ALATION_CLIENT_ID", "ALATION_CLIENT_SECRET", "ALATION_CLIENT_SECRET_FILE"));
        AlationClient.Builder b =
                AlationClient.builder().credentialWait(CREDENTIAL_WAIT).listener(orNone(listener));
        if (oauth) {
            // a half-set pair is a mistake even when the other pair is complete, as fromEnv() says
            String clientId = require(s, AlationCommand.PLATFORM, "ALATION_CLIENT_ID", ALATION_NEEDS);
            CredentialSource secret = credential(s, AlationCommand.PLATFORM, "ALATION_CLIENT_SECRET", ALATION_NEEDS);
            if (!refresh) {
                return b.baseUrl(require(s, AlationCommand.PLATFORM, "ALATION_BASE_URL", ALATION_NEEDS))
                        .oauthClient(clientId, secret)
                        .build();
            }
        }
        AlationRefresh r = alationRefresh(s);
        return b.baseUrl(r.baseUrl()).refreshToken(r.refreshToken(), r.userId()).build();
    }

    /** The refresh token, its user and the base URL; an OAuth client has no refresh token to rotate. */
    static AlationRefresh alationRefresh(Session s) {
        String platform = AlationCommand.PLATFORM;
        if (!anySet(s.env(), List.of("ALATION_REFRESH_TOKEN", "ALATION_REFRESH_TOKEN_FILE", "ALATION_USER_ID"))) {
            throw notConfigured(platform, ALATION_REFRESH_NEEDS);
        }
        String url = require(s, platform, "ALATION_BASE_URL", ALATION_REFRESH_NEEDS);
        CredentialSource token = credential(s, platform, "ALATION_REFRESH_TOKEN", ALATION_REFRESH_NEEDS);
        String userText = require(s, platform, "ALATION_USER_ID", ALATION_REFRESH_NEEDS);
        long userId;
        try {
            userId = Long.parseLong(userText);
        } catch (NumberFormatException e) {
            userId = 0;
        }
        if (userId <= 0) {
            throw new CliException(platform + ": ALATION_USER_ID must be the numeric id of the user who owns the"
                    + " refresh token (a positive number)");
        }
        return new AlationRefresh(url, token, userId);
    }

    /** The current value of a credential, for an SDK call that takes one. */
    static Secret read(CredentialSource source, String platform, String variable) {
        try {
            return source.get();
        } catch (Exception e) {
            throw new CliException(
                    platform + ": cannot read " + variable + "_FILE: " + Main.oneLine(e.getMessage()), e);
        }
    }

    private static CallListener orNone(CallListener listener) {
        return listener == null ? new CallListener() {} : listener;
    }

    private static boolean anySet(Map<String, String> env, List<String> names) {
        return names.stream().anyMatch(n -> isSet(env, n));
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static CliException notConfigured(String platform, String needs) {
        return new CliException(platform + ": not configured: set " + needs);
    }

    private static String require(Session s, String platform, String name, String needs) {
        if (!isSet(s.env(), name)) {
            throw new CliException(platform + ": " + name + " is not set: set " + needs);
        }
        return s.env().get(name).strip();
    }

    /**
     * A credential from {@code NAME} or {@code NAME_FILE} (read through {@link
     * CredentialSource#fromFile}); both set is an error naming both.
     */
    private static CredentialSource credential(Session s, String platform, String name, String needs) {
        String file = name + "_FILE";
        boolean value = isSet(s.env(), name);
        boolean path = isSet(s.env(), file);
        if (value && path) {
            throw new CliException(platform + ": both " + name + " and " + file + " are set: unset one of them");
        }
        if (value) {
            String v = s.env().get(name).strip();
            s.secret(v);
            return CredentialSource.of(Secret.of(v));
        }
        if (path) {
            CredentialSource source =
                    CredentialSource.fromFile(Path.of(s.env().get(file).strip()));
            s.secret(() -> source.get().reveal());
            return source;
        }
        throw new CliException(platform + ": " + name + " is not set: set " + needs);
    }
}
