package io.catalogkit.cli;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.tokens.RotationException;

/**
 * A failed operation as one line: the platform, what the SDK said (its messages never hold a
 * secret), and what to do. Loaded only when something failed.
 */
final class Failures {
    private Failures() {}

    static String describe(String platform, Throwable e) {
        String said = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : Main.oneLine(e.getMessage());
        String todo = todo(platform, e);
        return platform + ": " + said + (todo.isEmpty() ? "" : " (" + todo + ")");
    }

    private static String todo(String platform, Throwable e) {
        if (e instanceof RotationException) {
            return ""; // it says which token works now and what to do
        }
        if (e instanceof AuthenticationException) {
            return "the catalog refused the credential: check " + credential(platform);
        }
        if (e instanceof PermissionDeniedException) {
            return "the credential in " + credential(platform) + " lacks the right for this";
        }
        if (e instanceof NotFoundException) {
            return "check the id against 'catalogkit " + platform.toLowerCase(java.util.Locale.ROOT) + " list'";
        }
        if (e instanceof RateLimitedException || e instanceof ServerException) {
            return "try again later";
        }
        if (e instanceof TransportException) {
            return "check " + url(platform) + " and that the catalog is reachable from here";
        }
        if (e instanceof MalformedResponseException) {
            return "check that " + url(platform) + " points at the catalog itself, not a login page or a proxy";
        }
        if (e instanceof CatalogKitException || e instanceof IllegalArgumentException) {
            return "";
        }
        return "run again with --debug for the stack trace";
    }

    private static String credential(String platform) {
        return switch (platform) {
            case AtlanCommand.PLATFORM -> "ATLAN_API_KEY (or ATLAN_API_KEY_FILE)";
            case AlationCommand.PLATFORM ->
                "ALATION_REFRESH_TOKEN and ALATION_USER_ID (or ALATION_CLIENT_ID and" + " ALATION_CLIENT_SECRET)";
            case DataHubCommand.PLATFORM -> "DATAHUB_GMS_TOKEN (or DATAHUB_GMS_TOKEN_FILE)";
            default -> "the platform's credential variables";
        };
    }

    private static String url(String platform) {
        return switch (platform) {
            case AtlanCommand.PLATFORM -> "ATLAN_BASE_URL";
            case AlationCommand.PLATFORM -> "ALATION_BASE_URL";
            case DataHubCommand.PLATFORM -> "DATAHUB_GMS_URL";
            default -> "the platform's URL variable";
        };
    }
}
