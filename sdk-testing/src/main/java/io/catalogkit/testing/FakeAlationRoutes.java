package io.catalogkit.testing;

import static io.catalogkit.testing.FakeAlation.CREATE_ACCESS_TOKEN;
import static io.catalogkit.testing.FakeAlation.CREATE_REFRESH_TOKEN;
import static io.catalogkit.testing.FakeAlation.OAUTH_INTROSPECT;
import static io.catalogkit.testing.FakeAlation.OAUTH_TOKEN;
import static io.catalogkit.testing.FakeAlation.REGENERATE_REFRESH_TOKEN;
import static io.catalogkit.testing.FakeAlation.REVOKE_ACCESS_TOKENS;
import static io.catalogkit.testing.FakeAlation.TABLES;
import static io.catalogkit.testing.FakeAlation.VALIDATE_ACCESS_TOKEN;
import static io.catalogkit.testing.FakeAlation.VALIDATE_REFRESH_TOKEN;

import io.catalogkit.testing.FakeAlationStore.Failure;
import io.catalogkit.testing.FakeServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes a request to {@link FakeAlation} as Alation does: path and method, the body's fields
 * (JSON, form-encoded or multipart, read by {@link FakeAlationForms}), the required fields and
 * {@code user_id}, then the {@link FakeAlationStore}; answers are written by {@link
 * FakeAlationRender}.
 */
final class FakeAlationRoutes {
    private static final Set<String> TOKEN_ENDPOINTS = Set.of(
            CREATE_REFRESH_TOKEN,
            VALIDATE_REFRESH_TOKEN,
            REGENERATE_REFRESH_TOKEN,
            CREATE_ACCESS_TOKEN,
            VALIDATE_ACCESS_TOKEN,
            REVOKE_ACCESS_TOKENS);

    private FakeAlationRoutes() {}

    static Reply handle(FakeAlationStore store, RecordedCall call) {
        String path = call.path();
        try {
            if (path.equals(TABLES)) {
                return call.method().equals("GET") ? tables(store, call) : notAllowed(call);
            }
            String oauth = path.endsWith("/") ? path : path + "/";
            if (oauth.equals(OAUTH_TOKEN) || oauth.equals(OAUTH_INTROSPECT)) {
                return call.method().equals("POST") ? oauth(store, call, oauth) : notAllowed(call);
            }
            if (!TOKEN_ENDPOINTS.contains(path)) {
                return error(404, "404000", "Not found.");
            }
            if (!call.method().equals("POST")) {
                return notAllowed(call);
            }
            Map<String, String> form;
            try {
                form = FakeAlationForms.parse(call);
            } catch (IllegalArgumentException e) {
                return error(400, "400000", "JSON parse error.");
            }
            return tokenEndpoint(store, path, form);
        } catch (BadPayload e) {
            return Reply.json(400, e.body);
        } catch (Failure f) {
            if (f.rejection && store.failedStatusInBody) {
                return Reply.json(200, FakeAlationRender.failedStatus(f.getMessage()));
            }
            return error(f.status, f.code, f.getMessage());
        }
    }

    private static Reply tokenEndpoint(FakeAlationStore store, String path, Map<String, String> form) {
        switch (path) {
            case CREATE_REFRESH_TOKEN:
                require(form, "username", "password", "name");
                return Reply.json(
                        201,
                        FakeAlationRender.refreshToken(
                                store.createRefreshToken(form.get("username"), form.get("password"), form.get("name")),
                                store.now()));
            case VALIDATE_REFRESH_TOKEN:
                store.validations++;
                require(form, "refresh_token", "user_id");
                return Reply.json(
                        200,
                        FakeAlationRender.refreshToken(
                                store.validateRefreshToken(form.get("refresh_token"), userId(form)), store.now()));
            case REGENERATE_REFRESH_TOKEN:
                require(form, "refresh_token", "user_id");
                return Reply.json(
                        201,
                        FakeAlationRender.refreshToken(
                                store.regenerate(form.get("refresh_token"), userId(form)), store.now()));
            case CREATE_ACCESS_TOKEN:
                require(form, "refresh_token", "user_id");
                return Reply.json(
                        201,
                        FakeAlationRender.accessToken(
                                store.mint(form.get("refresh_token"), userId(form)), store.now()));
            case VALIDATE_ACCESS_TOKEN:
                store.validations++;
                require(form, "api_access_token", "user_id");
                return Reply.json(
                        200,
                        FakeAlationRender.accessToken(
                                store.validateAccessToken(form.get("api_access_token"), userId(form)), store.now()));
            default:
                require(form, "refresh_token", "user_id");
                return Reply.json(
                        200,
                        FakeAlationRender.revoked(store.revokeAccessTokens(form.get("refresh_token"), userId(form))));
        }
    }

    /**
     * O1 and O2 (with or without the trailing slash): client credentials in the form or in HTTP
     * Basic, RFC 6749 errors.
     */
    private static Reply oauth(FakeAlationStore store, RecordedCall call, String path) {
        Map<String, String> form;
        try {
            form = FakeAlationForms.parse(call);
        } catch (IllegalArgumentException e) {
            return oauthError(400, "invalid_request", "The request body could not be read.");
        }
        String[] basic = basicCredentials(call);
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        FakeAlationStore.OAuthClient client = store.authenticate(clientId, secret);
        if (client == null) {
            return oauthError(401, "invalid_client", "Client credentials are incorrect");
        }
        if (path.equals(OAUTH_INTROSPECT)) {
            String token = form.get("token");
            if (token == null || token.isBlank()) {
                return oauthError(400, "invalid_request", "The token parameter is required.");
            }
            return Reply.json(200, FakeAlationRender.introspection(store.jwts.get(token), store.now()));
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            return oauthError(400, "invalid_request", "The grant_type parameter is required.");
        }
        if (!grant.equals("client_credentials")) {
            return oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
        }
        return Reply.json(200, FakeAlationRender.oauthToken(store.mintJwt(client)));
    }

    /** Client id and secret from {@code Authorization: Basic}, each form-url-encoded (RFC 6749 2.3.1). */
    private static String[] basicCredentials(RecordedCall call) {
        String auth = call.header("Authorization").orElse("");
        if (!auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[] {
            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
        };
    }

    private static Reply oauthError(int status, String error, String description) {
        return Reply.json(status, FakeAlationRender.oauthError(status, error, description));
    }

    private static Reply tables(FakeAlationStore store, RecordedCall call) {
        store.authorizeData(call.header("TOKEN").orElse(null));
        int limit = call.query("limit").map(FakeAlationRoutes::parseLimit).orElse(Integer.MAX_VALUE);
        return Reply.json(200, FakeAlationRender.tables(limit));
    }

    private static int parseLimit(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Answers 400 {@code 400010} naming every required field that is missing or blank. */
    private static void require(Map<String, String> form, String... fields) {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (String f : fields) {
            String v = form.get(f);
            if (v == null || v.isBlank()) {
                errors.put(f, List.of("This field is required."));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadPayload(FakeAlationRender.invalidPayload(errors, "400010"));
        }
    }

    /** {@code user_id} as a number, or 400 {@code 400006}. */
    private static long userId(Map<String, String> form) {
        try {
            return Long.parseLong(form.get("user_id").trim());
        } catch (NumberFormatException e) {
            throw new BadPayload(FakeAlationRender.invalidPayload(
                    Map.of("user_id", List.of("A valid integer is required.")), "400006"));
        }
    }

    private static Reply error(int status, String code, String detail) {
        return Reply.json(status, FakeAlationRender.error(code, detail));
    }

    private static Reply notAllowed(RecordedCall call) {
        return error(405, "405000", "Method \"" + call.method() + "\" not allowed.");
    }

    /** A 400 whose body names the fields at fault. */
    private static final class BadPayload extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient Map<String, Object> body;

        BadPayload(Map<String, Object> body) {
            super(null, null, false, false);
            this.body = body;
        }
    }
}
