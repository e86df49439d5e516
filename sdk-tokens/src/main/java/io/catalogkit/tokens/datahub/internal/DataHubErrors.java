package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.ErrorParser;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.FieldErrorParser;
import io.catalogkit.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.Headers;

/**
 * What went wrong on DataHub, and what to do about it. Where DataHub's HTTP error answers keep it
 * (wire contract, error shapes): a GraphQL {@code errors} array (DataHub answers some with a 4xx or
 * 5xx status: a document its schema rejects, a resolver that crashed), else the servlet container's
 * page (often not JSON; Spring-style {@code error} and {@code message} when it is): {@link #PARSER}.
 * Errors inside a 2xx GraphQL answer: {@code read}, raised by {@link #fail} as the status they
 * stand for; DataHub's own ways of saying a thing is gone; and the hints each call's failures carry.
 */
public final class DataHubErrors {
    /** The header catalogkit sends its request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** graphql-java's classification for a document or variables the schema rejects. */
    public static final String VALIDATION_ERROR = "ValidationError";

    /** graphql-java's classification for a null in a non-null field (DataHub: an unknown token). */
    public static final String NULL_IN_NON_NULL_FIELD = "NullValueInNonNullableField";

    /** The privilege a user needs for tokens acting as themselves. */
    static final String GENERATE = "'Generate Personal Access Tokens'";

    /** The privilege a user needs for everyone's tokens. */
    static final String MANAGE = "'Manage All Access Tokens'";

    /** The privilege service accounts and their tokens need. */
    static final String MANAGE_SERVICE_ACCOUNTS = "'Manage Service Accounts'";

    /** What a failed revoke may have done. */
    static final String REVOKED_MAYBE = "The token may have been revoked: list the tokens to check before revoking"
            + " again (a second revoke is an error).";

    /** What a failed create may have done. */
    static final String CREATED_MAYBE =
            "The token may have been created: list the tokens by owner and name before creating it again.";

    /** What a schema error means. */
    static final String SCHEMA_HINT = "The server's GraphQL schema differs from the one catalogkit was built against"
            + " (an older or newer DataHub?): its message names what it rejected.";

    private static final FieldErrorParser PAGE = FieldErrorParser.builder()
            .codeFields("code", "error")
            .messageFields("message", "error")
            .requestIdHeaders(REQUEST_ID_HEADER)
            .build();

    /** DataHub's HTTP error shapes. */
    public static final ErrorParser PARSER = new ErrorParser() {
        @Override
        public ErrorReport parse(int status, Headers headers, JsonNode body) {
            JsonNode first = body == null ? null : body.path("errors").path(0);
            if (first == null || !first.isObject()) {
                return PAGE.parse(status, headers, body);
            }
            JsonNode ext = first.path("extensions");
            String code = Json.text(ext.get("type"));
            if (code == null) {
                code = Json.text(ext.get("classification"));
            }
            return ErrorReport.of(status, code, Json.text(first.get("message")));
        }

        @Override
        public String requestId(Headers headers) {
            return PAGE.requestId(headers);
        }
    };

    private DataHubErrors() {}

    /**
     * Whether an error is DataHub's resolver crashing on a token it does not hold: {@code
     * getAccessTokenMetadata} of an unknown or revoked token dereferences the missing record and
     * answers a 500 that wraps the {@code NullPointerException}.
     *
     * @param status the status the error stands for
     * @param message its message, may be null
     * @return true for that shape
     */
    public static boolean isMissingTokenCrash(int status, String message) {
        return status == 500 && message != null && message.contains("NullPointerException");
    }

    /**
     * The {@link NotFoundException} a missing-token crash answered with HTTP 500 stands for.
     *
     * @param e the exception the transport raised
     * @return the not-found exception, when {@code e} is that shape
     */
    public static Optional<NotFoundException> missingTokenCrash(ServerException e) {
        if (!isMissingTokenCrash(e.statusCode(), e.getMessage())) {
            return Optional.empty();
        }
        return Optional.of(new NotFoundException(
                "DataHub get access token metadata: DataHub holds no such token: it is unknown to this server,"
                        + " revoked, or expired (the server answered " + e.statusCode()
                        + " with a NullPointerException, its way of saying so).",
                404,
                e.requestId().orElse(null),
                e.errorCode().orElse(null),
                e.method(),
                e.path()));
    }

    /**
     * One error of an {@code errors} array, read leniently.
     *
     * @param message the message, or null
     * @param path the path, dotted, or null
     * @param code {@code extensions.code}, or null
     * @param type {@code extensions.type}, or null
     * @param classification {@code extensions.classification}, or null
     */
    public record GraphQlError(String message, String path, Integer code, String type, String classification) {}

    /**
     * The errors of a GraphQL answer.
     *
     * @param body the answer's JSON object
     * @return its errors, empty when it has none
     */
    static List<GraphQlError> read(JsonNode body) {
        JsonNode errors = body.get("errors");
        List<GraphQlError> list = new ArrayList<>();
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors) {
                list.add(error(e));
            }
        }
        return List.copyOf(list);
    }

    /**
     * Raises the answer's errors as the exception the first one stands for.
     *
     * @param answer an answer with errors
     * @param nullMeansNotFound true when a null in a non-null field means "no such thing" (an
     *     unknown token)
     * @return the exception, to be thrown
     */
    public static ApiException fail(DataHubApi.Result answer, boolean nullMeansNotFound) {
        GraphQlError first = answer.errors().get(0);
        StringBuilder message = new StringBuilder(first.message() != null ? first.message() : "GraphQL error");
        if (first.path() != null) {
            message.append(" (path ").append(first.path()).append(')');
        }
        int more = answer.errors().size() - 1;
        if (more > 0) {
            message.append(" (and ").append(more).append(more == 1 ? " more error)" : " more errors)");
        }
        String errorCode = first.type() != null ? first.type() : first.classification();
        ErrorReport report = ErrorReport.of(status(first, nullMeansNotFound), errorCode, message.toString());
        return answer.answer().fail(report);
    }

    /**
     * The status an error stands for: its {@code extensions.code}, else one picked by its
     * classification (a rejected document 400, an unknown token 404 where asked, a failed resolver
     * 500, else 400). Where an unknown token means not found, so does a resolver's 500 wrapping a
     * {@code NullPointerException} (how DataHub answers for a token it does not hold).
     */
    static int status(GraphQlError e, boolean nullMeansNotFound) {
        if (nullMeansNotFound && e.code() != null && isMissingTokenCrash(e.code(), e.message())) {
            return 404;
        }
        if (e.code() != null && e.code() >= 400 && e.code() <= 599) {
            return e.code();
        }
        String c = e.classification() == null ? "" : e.classification();
        if (c.equals(NULL_IN_NON_NULL_FIELD)) {
            return nullMeansNotFound ? 404 : 500;
        }
        if (c.equals("DataFetchingException") || c.equals("ExecutionAborted")) {
            return 500;
        }
        return 400;
    }

    private static GraphQlError error(JsonNode e) {
        if (!e.isObject()) {
            return new GraphQlError(Json.text(e), null, null, null, null);
        }
        JsonNode ext = e.path("extensions");
        String classification = Json.text(ext.get("classification"));
        if (classification == null) {
            classification = Json.text(e.get("classification"));
        }
        return new GraphQlError(
                Json.text(e.get("message")),
                path(e.get("path")),
                code(ext.get("code")),
                Json.text(ext.get("type")),
                classification);
    }

    private static String path(JsonNode p) {
        if (p == null || !p.isArray() || p.isEmpty()) {
            return null;
        }
        StringBuilder parts = new StringBuilder();
        for (JsonNode s : p) {
            parts.append(parts.length() == 0 ? "" : ".").append(s.asText());
        }
        return parts.toString();
    }

    private static Integer code(JsonNode c) {
        if (c == null) {
            return null;
        }
        if (c.canConvertToInt()) {
            return c.asInt();
        }
        if (c.isTextual() && c.asText().trim().matches("\\d{3}")) {
            return Integer.parseInt(c.asText().trim());
        }
        return null;
    }

    /**
     * Whether a 2xx answer is DataHub's list failing while its index catches up (right after a
     * revoke, a listed token's record is gone): an error classified {@code
     * NullValueInNonNullableField}. Worth repeating a read for.
     *
     * @param body the answer's JSON
     * @return true for that answer
     */
    public static boolean indexCatchingUp(JsonNode body) {
        JsonNode errors = body.get("errors");
        if (errors == null || !errors.isArray()) {
            return false;
        }
        for (JsonNode e : errors) {
            if (e.isObject() && NULL_IN_NON_NULL_FIELD.equals(error(e).classification())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same failure said plainly: an exception like {@code e} (status, request id, code,
     * request) whose message replaces the server's schema error by what it means.
     *
     * @param e the exception raised
     * @param message the message to give instead
     * @return the exception, to be thrown
     */
    static ApiException restate(ApiException e, String message) {
        return new ApiException(
                message,
                e.statusCode(),
                e.requestId().orElse(null),
                e.errorCode().orElse(null),
                e.method(),
                e.path());
    }

    /**
     * Whether an error is DataHub's answer to a second revoke: a failed resolver saying the token no
     * longer exists.
     *
     * @param e the first error of the answer
     * @return true when it is
     */
    static boolean saysNoLongerExists(GraphQlError e) {
        return status(e, false) == 500
                && e.message() != null
                && e.message().toLowerCase(Locale.ROOT).contains("no longer exists");
    }

    /**
     * Whether a server refused an ISO-8601 lifetime because its schema has no {@code durationIso}
     * (servers up to Core 1.4).
     *
     * @param e the exception raised
     * @return true for that refusal
     */
    static boolean rejectsDurationIso(ApiException e) {
        return VALIDATION_ERROR.equals(e.errorCode().orElse(null))
                && e.getMessage() != null
                && e.getMessage().contains("durationIso");
    }

    /**
     * Runs a service-account call, replacing the schema error of a server older than Core 1.4 (a
     * field or the {@code SERVICE_ACCOUNT} token type it does not know, with HTTP 200 or 400) by one
     * that says so.
     *
     * @param operation what the call does, for the message
     * @param call the call
     * @param <T> what it returns
     * @return what it returned
     */
    static <T> T serviceAccountsNeeded(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (!saysNoServiceAccounts(e)) {
                throw e;
            }
            throw restate(
                    e,
                    "DataHub " + operation + ": this DataHub server has no service accounts: they need DataHub Core"
                            + " 1.4 or later (its GraphQL schema does not know them).");
        }
    }

    private static boolean saysNoServiceAccounts(ApiException e) {
        if (!VALIDATION_ERROR.equals(e.errorCode().orElse(null))) {
            return false;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("fieldundefined") || m.contains("service_account") || m.contains("serviceaccount");
    }

    /**
     * Hints for a call: the privilege on 403, what a 404 means, a schema mismatch, and why the token
     * failed on 401.
     *
     * @param forbidden the hint on a 403
     * @param notFound the hint on a 404, or null
     * @param unauthenticated the hint on a 401, computed when needed
     * @return the hints
     */
    static ApiRequest.ErrorHints hints(String forbidden, String notFound, Supplier<String> unauthenticated) {
        return (status, code) -> {
            if (status == 401) {
                return unauthenticated.get();
            }
            if (status == 403) {
                return forbidden;
            }
            if (status == 404) {
                return notFound;
            }
            if (VALIDATION_ERROR.equals(code)) {
                return SCHEMA_HINT;
            }
            return null;
        };
    }

    /**
     * Why a token was refused with 401, which does not say: the token's own {@code exp} tells
     * expired from revoked.
     *
     * @param held the token sent, or null when none is held
     * @param now the time now
     * @return the hint
     */
    static String authenticationHint(Secret held, Instant now) {
        Optional<Jwt.Claims> claims = held == null ? Optional.empty() : Jwt.decode(held);
        if (claims.isEmpty()) {
            return "The client's token is not a DataHub access token (not a JWT): check the token given to"
                    + " token(...) or DATAHUB_GMS_TOKEN.";
        }
        Optional<Instant> exp = claims.get().expiresAt();
        if (exp.isPresent() && !exp.get().isAfter(now)) {
            return "The client's token expired at " + exp.get() + ": create a new one.";
        }
        return "The client's token is invalid or revoked (it "
                + exp.map(e -> "expires at " + e).orElse("never expires")
                + "), or was issued by another DataHub instance.";
    }
}
