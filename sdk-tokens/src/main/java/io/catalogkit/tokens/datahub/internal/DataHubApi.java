package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.ErrorReport;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sends GraphQL documents to {@code /api/graphql} through the client's {@link Transport} and reads
 * DataHub's answers: a 2xx is not a success until {@code errors} is absent, and errors become
 * exceptions through core's one mapper ({@link Answer#fail}).
 */
public final class DataHubApi {
    /** Where every document goes: GMS, the frontend proxy and DataHub Cloud all serve it. */
    public static final String PATH = "api/graphql";

    /** graphql-java's classification for a document or variables the schema rejects. */
    public static final String VALIDATION_ERROR = "ValidationError";

    /** graphql-java's classification for a null in a non-null field (DataHub: an unknown token). */
    public static final String NULL_IN_NON_NULL_FIELD = "NullValueInNonNullableField";

    /** Creates a personal access token; variables {@code input: CreateAccessTokenInput!}. */
    public static final String CREATE = """
            mutation createAccessToken($input: CreateAccessTokenInput!) {
              createAccessToken(input: $input) {
                accessToken metadata { id urn actorUrn ownerUrn name description createdAt expiresAt }
              }
            }""";

    /** Lists tokens; variables {@code input: ListAccessTokenInput!}. */
    public static final String LIST = """
            query listAccessTokens($input: ListAccessTokenInput!) {
              listAccessTokens(input: $input) {
                start count total tokens { id urn actorUrn ownerUrn name description createdAt expiresAt }
              }
            }""";

    /** Revokes a token by id; variables {@code tokenId: String!}. */
    public static final String REVOKE =
            "mutation revokeAccessToken($tokenId: String!) { revokeAccessToken(tokenId: $tokenId) }";

    /** Reads a raw token's metadata; variables {@code token: String!}. */
    public static final String GET_METADATA = """
            query getAccessTokenMetadata($token: String!) {
              getAccessTokenMetadata(token: $token) { id urn actorUrn ownerUrn name description createdAt expiresAt }
            }""";

    /** The operation names, each the name of its document's operation and root field. */
    public static final String CREATE_OPERATION = "createAccessToken";

    /** See {@link #LIST}. */
    public static final String LIST_OPERATION = "listAccessTokens";

    /** See {@link #REVOKE}. */
    public static final String REVOKE_OPERATION = "revokeAccessToken";

    /** See {@link #GET_METADATA}. */
    public static final String GET_METADATA_OPERATION = "getAccessTokenMetadata";

    /** The fields of a service account every service-account document selects. */
    private static final String SERVICE_ACCOUNT_FIELDS = "urn name displayName description createdBy createdAt";

    /**
     * Creates a service account (Core 1.4 and later); variables {@code input:
     * CreateServiceAccountInput!}.
     */
    public static final String CREATE_SERVICE_ACCOUNT =
            "mutation createServiceAccount($input: CreateServiceAccountInput!)"
                    + " { createServiceAccount(input: $input) { " + SERVICE_ACCOUNT_FIELDS + " } }";

    /** Lists service accounts; variables {@code input: ListServiceAccountsInput!}. */
    public static final String LIST_SERVICE_ACCOUNTS = "query listServiceAccounts($input: ListServiceAccountsInput!)"
            + " { listServiceAccounts(input: $input) { start count total serviceAccounts { " + SERVICE_ACCOUNT_FIELDS
            + " } } }";

    /** Reads a service account; variables {@code urn: String!}. */
    public static final String GET_SERVICE_ACCOUNT = "query getServiceAccount($urn: String!)"
            + " { getServiceAccount(urn: $urn) { " + SERVICE_ACCOUNT_FIELDS + " } }";

    /**
     * Lists tokens like {@link #LIST}, also selecting {@code owner}: a Core >= 1.4 field, so that an
     * older server refuses it as it refuses every other service-account call.
     */
    public static final String LIST_SERVICE_ACCOUNT_TOKENS = """
            query listAccessTokens($input: ListAccessTokenInput!) {
              listAccessTokens(input: $input) {
                start count total tokens { id urn actorUrn ownerUrn name description createdAt expiresAt owner { urn } }
              }
            }""";

    /** Deletes a service account; variables {@code urn: String!}. */
    public static final String DELETE_SERVICE_ACCOUNT =
            "mutation deleteServiceAccount($urn: String!) { deleteServiceAccount(urn: $urn) }";

    /** See {@link #CREATE_SERVICE_ACCOUNT}. */
    public static final String CREATE_SERVICE_ACCOUNT_OPERATION = "createServiceAccount";

    /** See {@link #LIST_SERVICE_ACCOUNTS}. */
    public static final String LIST_SERVICE_ACCOUNTS_OPERATION = "listServiceAccounts";

    /** See {@link #GET_SERVICE_ACCOUNT}. */
    public static final String GET_SERVICE_ACCOUNT_OPERATION = "getServiceAccount";

    /** See {@link #DELETE_SERVICE_ACCOUNT}. */
    public static final String DELETE_SERVICE_ACCOUNT_OPERATION = "deleteServiceAccount";

    private final Transport transport;

    /**
     * Creates the helper.
     *
     * @param transport the client's transport
     */
    public DataHubApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * Starts a request for one document.
     *
     * @param operation what the call does, for messages
     * @param document the document (a constant of {@link DataHubApi})
     * @param operationName the document's operation name
     * @param variables the variables object, written by Jackson
     * @return the request builder, method and path set
     */
    public static ApiRequest.Builder request(
            String operation, String document, String operationName, Object variables) {
        return ApiRequest.builder(operation, "POST")
                .path(PATH)
                .body(new DataHubWire.GraphQlRequest(document, variables, operationName));
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
    public record Error(String message, String path, Integer code, String type, String classification) {}

    /**
     * A 2xx GraphQL answer.
     *
     * @param answer the HTTP answer
     * @param data the {@code data} object, or null
     * @param errors the errors, empty when there were none
     */
    public record Result(Answer answer, JsonNode data, List<Error> errors) {
        /**
         * One root field of {@code data}.
         *
         * @param field the field name
         * @return the node, or null when absent or null
         */
        public JsonNode field(String field) {
            return Json.field(data, field);
        }

        /**
         * An exception for an answer that lacks what the operation needs.
         *
         * @param what what was expected
         * @return the exception, to be thrown
         */
        public MalformedResponseException malformed(String what) {
            return answer.malformed(what);
        }
    }

    /**
     * Sends the request and checks the answer's shape.
     *
     * @param request the request
     * @return the answer, with its errors (not yet raised)
     * @throws ApiException on an HTTP error status
     * @throws MalformedResponseException when the body has neither a {@code data} object nor
     *     {@code errors}
     */
    public Result send(ApiRequest request) {
        Answer ex = transport.exchange(request);
        JsonNode body = ex.requireObject("a JSON object with GraphQL data or errors");
        JsonNode errors = body.get("errors");
        List<Error> list = new ArrayList<>();
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors) {
                list.add(error(e));
            }
        }
        JsonNode data = body.get("data");
        if (data != null && !data.isObject()) {
            data = null;
        }
        if (data == null && list.isEmpty()) {
            throw ex.malformed("a GraphQL answer with data or errors");
        }
        return new Result(ex, data, List.copyOf(list));
    }

    /**
     * Raises the answer's errors as the exception the first one stands for.
     *
     * @param answer an answer with errors
     * @param nullMeansNotFound true when a null in a non-null field means "no such thing" (an
     *     unknown token)
     * @return the exception, to be thrown
     */
    public static ApiException fail(Result answer, boolean nullMeansNotFound) {
        Error first = answer.errors().get(0);
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
    static int status(Error e, boolean nullMeansNotFound) {
        if (nullMeansNotFound && e.code() != null && DataHubErrors.isMissingTokenCrash(e.code(), e.message())) {
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

    private static Error error(JsonNode e) {
        if (!e.isObject()) {
            return new Error(Json.text(e), null, null, null, null);
        }
        JsonNode ext = e.path("extensions");
        String classification = Json.text(ext.get("classification"));
        if (classification == null) {
            classification = Json.text(e.get("classification"));
        }
        return new Error(
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
     * Whether a message says the token no longer exists (DataHub's answer to a second revoke).
     *
     * @param message the message, may be null
     * @return true when it does
     */
    static boolean saysNoLongerExists(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("no longer exists");
    }
}
