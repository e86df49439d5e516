package io.catalogkit.tokens.alation.internal;

import java.util.List;
import java.util.Set;

/** Alation's token endpoints (wire contract sections 2 and 7): path, operation name, retry rule. */
public enum Endpoint {
    /** R1: create, never repeated once it may have reached the server. */
    CREATE_REFRESH_TOKEN("create refresh token", "integration/v1/createRefreshToken/", false),
    /** R2: a read, safe to repeat. */
    VALIDATE_REFRESH_TOKEN("validate refresh token", "integration/v1/validateRefreshToken/", true),
    /** R3: destroys the old value, never repeated once it may have reached the server. */
    REGENERATE_REFRESH_TOKEN("regenerate refresh token", "integration/v1/regenRefreshToken/", false),
    /** P1: mints, never repeated once it may have reached the server. */
    CREATE_ACCESS_TOKEN("create API access token", "integration/v1/createAPIAccessToken/", false),
    /** P2: a read, safe to repeat. */
    VALIDATE_ACCESS_TOKEN("validate API access token", "integration/v1/validateAPIAccessToken/", true),
    /** P3: revoking twice changes nothing, safe to repeat. */
    REVOKE_ACCESS_TOKENS("revoke API access tokens", "integration/v1/revokeAPIAccessTokens/", true),
    /** O1: mints another short-lived JWT, safe to repeat. */
    OAUTH_TOKEN("mint OAuth access token", "oauth/v2/token/", true),
    /** O2: a read, safe to repeat. */
    OAUTH_INTROSPECT("introspect OAuth access token", "oauth/v2/introspect/", true);

    private static final Set<String> NAMES = Set.of(
            "createRefreshToken",
            "validateRefreshToken",
            "regenRefreshToken",
            "createAPIAccessToken",
            "validateAPIAccessToken",
            "revokeAPIAccessTokens");

    final String operation;
    final String path;
    final boolean safeToRetry;

    Endpoint(String operation, String path, boolean safeToRetry) {
        this.operation = operation;
        this.path = path;
        this.safeToRetry = safeToRetry;
    }

    /**
     * Whether a URL path is one of the token endpoints (which never carry a {@code TOKEN}).
     *
     * @param segments the URL's path segments
     * @return true for a token endpoint under any base path
     */
    static boolean isTokenEndpoint(List<String> segments) {
        int n = segments.size();
        int last = n > 0 && segments.get(n - 1).isEmpty() ? n - 2 : n - 1;
        if (last >= 2
                && segments.get(last - 2).equals("oauth")
                && segments.get(last - 1).equals("v2")
                && (segments.get(last).equals("token") || segments.get(last).equals("introspect"))) {
            return true;
        }
        return last >= 2
                && NAMES.contains(segments.get(last))
                && segments.get(last - 1).equals("v1")
                && segments.get(last - 2).equals("integration");
    }
}
