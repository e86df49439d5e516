package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.Transport;
import io.catalogkit.tokens.internal.Hints;
import java.util.List;
import java.util.Objects;

/**
 * Alation's token endpoints (wire contract sections 2 and 7), the one class that knows their paths
 * and sends them through the client's {@link Transport}: POST, a JSON body ({@link AlationWire}) or
 * an OAuth form with the per-request credential in it, no {@code TOKEN} header (the transport's
 * credentials are none), the endpoint's retry rule, and the hints of {@link AlationErrors}. A 2xx
 * answer with {@code "status": "failed"} becomes an error, as Alation's own SDK (Allie-SDK) reads
 * it: 400, except 401 for validate API access token. Thread-safe.
 */
public final class AlationApi {
    /** The endpoints: path, operation name, retry rule. */
    enum Endpoint {
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

        final String operation;
        final String path;
        final boolean safeToRetry;
        /** The path's segments without the trailing empty one. */
        final List<String> segments;

        Endpoint(String operation, String path, boolean safeToRetry) {
            this.operation = operation;
            this.path = path;
            this.safeToRetry = safeToRetry;
            this.segments = List.of(path.substring(0, path.length() - 1).split("/"));
        }
    }

    private final Transport transport;

    /**
     * Wraps the client's transport.
     *
     * @param transport the transport, whose default credentials are none
     */
    public AlationApi(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Whether a URL path is one of the token endpoints (which never carry a {@code TOKEN}).
     *
     * @param segments the URL's path segments
     * @return true for a token endpoint under any base path
     */
    static boolean isTokenEndpoint(List<String> segments) {
        int n = segments.size();
        int end = n > 0 && segments.get(n - 1).isEmpty() ? n - 1 : n;
        for (Endpoint e : Endpoint.values()) {
            int from = end - e.segments.size();
            if (from >= 0 && segments.subList(from, end).equals(e.segments)) {
                return true;
            }
        }
        return false;
    }

    /**
     * R1: creates a refresh token from a user's credentials.
     *
     * @param username the user name
     * @param password the password
     * @param name the token's name
     * @return the answer, a JSON object
     */
    Answer createRefreshToken(String username, Secret password, String name) {
        return sendForObject(request(
                        Endpoint.CREATE_REFRESH_TOKEN,
                        AlationWire.TokenRequest.credentials(username, password, name),
                        password)
                .hints(AlationErrors.credentialsHints())
                .ambiguousFailureHint(AlationErrors.MAY_HAVE_CREATED)
                .build());
    }

    /**
     * R2: validates a refresh token.
     *
     * @param refreshToken the refresh token
     * @param userId its user
     * @return the answer, a JSON object
     */
    Answer validateRefreshToken(Secret refreshToken, long userId) {
        return sendForObject(request(
                        Endpoint.VALIDATE_REFRESH_TOKEN,
                        AlationWire.TokenRequest.refreshToken(refreshToken, userId),
                        refreshToken)
                .hints(AlationErrors.refreshTokenHints())
                .build());
    }

    /**
     * R3: regenerates a refresh token, which invalidates the old value.
     *
     * @param refreshToken the refresh token
     * @param userId its user
     * @return the answer, a JSON object
     */
    Answer regenerateRefreshToken(Secret refreshToken, long userId) {
        return sendForObject(request(
                        Endpoint.REGENERATE_REFRESH_TOKEN,
                        AlationWire.TokenRequest.refreshToken(refreshToken, userId),
                        refreshToken)
                .hints(Hints.mayHaveActed(AlationErrors.refreshTokenHints(), AlationErrors.MAY_HAVE_REGENERATED))
                .ambiguousFailureHint(AlationErrors.MAY_HAVE_REGENERATED)
                .build());
    }

    /**
     * P1: mints an API access token from a refresh token.
     *
     * @param refreshToken the refresh token
     * @param userId its user
     * @return the answer, a JSON object
     */
    Answer createAccessToken(Secret refreshToken, long userId) {
        return sendForObject(request(
                        Endpoint.CREATE_ACCESS_TOKEN,
                        AlationWire.TokenRequest.refreshToken(refreshToken, userId),
                        refreshToken)
                .hints(Hints.mayHaveActed(AlationErrors.refreshTokenHints(), AlationErrors.MAY_HAVE_MINTED))
                .ambiguousFailureHint(AlationErrors.MAY_HAVE_MINTED)
                .build());
    }

    /**
     * P2: validates an API access token.
     *
     * @param accessToken the access token
     * @param userId its user
     * @return the answer, a JSON object
     */
    Answer validateAccessToken(Secret accessToken, long userId) {
        return sendForObject(request(
                        Endpoint.VALIDATE_ACCESS_TOKEN,
                        AlationWire.TokenRequest.accessToken(accessToken, userId),
                        accessToken)
                .hints(AlationErrors.accessTokenHints())
                .build());
    }

    /**
     * P3: revokes the API access tokens minted from a refresh token.
     *
     * @param refreshToken the refresh token
     * @param userId its user
     */
    void revokeAccessTokens(Secret refreshToken, long userId) {
        send(request(
                        Endpoint.REVOKE_ACCESS_TOKENS,
                        AlationWire.TokenRequest.refreshToken(refreshToken, userId),
                        refreshToken)
                .hints(AlationErrors.refreshTokenHints())
                .build());
    }

    /**
     * O1: mints a JWT with the client-credentials grant.
     *
     * @param clientId the OAuth client id
     * @param clientSecret its secret
     * @return the answer, a JSON object
     */
    Answer oauthToken(String clientId, Secret clientSecret) {
        return sendForObject(
                request(Endpoint.OAUTH_TOKEN, AlationWire.clientCredentialsForm(clientId, clientSecret), clientSecret)
                        .hints(AlationErrors.oauthHints())
                        .build());
    }

    /**
     * O2: introspects a JWT, asking the server to verify it.
     *
     * @param jwt the JWT
     * @param clientId the OAuth client id
     * @param clientSecret its secret
     * @return the answer, a JSON object
     */
    Answer oauthIntrospect(Secret jwt, String clientId, Secret clientSecret) {
        return sendForObject(request(
                        Endpoint.OAUTH_INTROSPECT,
                        AlationWire.introspectForm(jwt, clientId, clientSecret),
                        jwt,
                        clientSecret)
                .query("verify_token", "true")
                .hints(AlationErrors.oauthHints())
                .build());
    }

    /**
     * Starts a request to a token endpoint.
     *
     * @param endpoint the endpoint
     * @param body the JSON body ({@link AlationWire.TokenRequest}) or a form ({@code okhttp3.FormBody})
     * @param secrets the secrets in the body, redacted from messages
     * @return the builder, for hints
     */
    private static ApiRequest.Builder request(Endpoint endpoint, Object body, Secret... secrets) {
        return ApiRequest.builder(endpoint.operation, "POST")
                .path(endpoint.path)
                .body(body)
                .safeToRetry(endpoint.safeToRetry)
                .secrets(secrets);
    }

    /**
     * Sends a request and returns its successful answer.
     *
     * @param request the request
     * @return the answer
     * @throws io.catalogkit.core.ApiException for a 2xx answer with {@code "status": "failed"}: 400
     *     with the body's {@code detail}, or {@link io.catalogkit.core.AuthenticationException} (401)
     *     for validate API access token
     */
    private Answer send(ApiRequest request) {
        Answer ex = transport.exchange(request);
        int stated = request.operation().equals(Endpoint.VALIDATE_ACCESS_TOKEN.operation) ? 401 : 400;
        ErrorReport failed = AlationErrors.inBodyFailure(ex.body(), stated);
        if (failed != null) {
            throw ex.fail(failed);
        }
        return ex;
    }

    /**
     * Sends a request and returns its successful answer, required to be a JSON object.
     *
     * @param request the request
     * @return the answer, to read fields from
     */
    private Answer sendForObject(ApiRequest request) {
        Answer answer = send(request);
        answer.requireObject("a JSON object");
        return answer;
    }
}
