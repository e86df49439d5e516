package io.catalogkit.tokens.datahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.ApiException;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.Sleeper;
import io.catalogkit.core.internal.Answer;
import io.catalogkit.core.internal.ApiRequest;
import io.catalogkit.core.internal.Credentials;
import io.catalogkit.core.internal.HeldCredential;
import io.catalogkit.core.internal.Json;
import io.catalogkit.core.internal.Transport;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DataHub's GraphQL API: the documents the SDK sends (constants: user input goes only into {@code
 * variables}), the request for each, sent with the client's token (or, in a view made by {@link
 * #as(Secret)}, another token) through core's {@link Transport} to {@code /api/graphql}. A 2xx is
 * not a success until {@code errors} is absent: {@link #send} returns the errors with the data, and
 * {@link DataHubErrors#fail} raises them through core's one mapper ({@link Answer#fail}).
 *
 * <p>The token documents select only fields present in both DataHub schema builds (never {@code
 * owner}, which only Core >= 1.4 has) and a test validates every one against both; the
 * service-account documents exist only in Core >= 1.4 and are validated against it. Thread-safe.
 */
public final class DataHubApi {
    /** Where every document goes: GMS, the frontend proxy and DataHub Cloud all serve it. */
    public static final String PATH = "api/graphql";

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
    private final HeldCredential token;

    /**
     * Creates the API.
     *
     * @param transport the transport, which sends {@code token} as {@code Authorization: Bearer}
     * @param token the token the transport sends, decoded only for messages (expiry, own urn)
     */
    public DataHubApi(Transport transport, HeldCredential token) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * This API as another token sees it: the same connections and options, that token sent instead.
     *
     * @param other the token to send
     * @return the view
     */
    public DataHubApi as(Secret other) {
        return new DataHubApi(
                transport.withCredentials(Credentials.bearer(other)), HeldCredential.fixed(other, "token", "DataHub"));
    }

    /**
     * The token this API sends.
     *
     * @return the held token
     */
    public HeldCredential token() {
        return token;
    }

    /**
     * The urn of the user the sent token acts as, read from its claims (not verified).
     *
     * @return the urn; empty when the token is not a DataHub JWT
     */
    public Optional<String> callerUrn() {
        return Jwt.actorUrn(token.get());
    }

    /**
     * The client's clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return transport.options().clock();
    }

    /**
     * The client's sleeper.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return transport.options().sleeper();
    }

    /**
     * Keeps a secret just received out of every later message and log line of the client.
     *
     * @param secret the secret
     */
    public void holdRecent(Secret secret) {
        transport.redactor().holdRecent(secret);
    }

    /**
     * Starts a request for one document.
     *
     * @param operation what the call does, for messages
     * @param document the document (a constant of this class)
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
     * Hints for a call with this API's token: the privilege on 403, what a 404 means, a schema
     * mismatch, and why the token failed on 401.
     *
     * @param forbidden the hint on a 403
     * @param notFound the hint on a 404, or null
     * @return the hints
     */
    public ApiRequest.ErrorHints hints(String forbidden, String notFound) {
        return DataHubErrors.hints(
                forbidden, notFound, () -> DataHubErrors.authenticationHint(token.peek(), clock().instant()));
    }

    /**
     * A 2xx GraphQL answer.
     *
     * @param answer the HTTP answer
     * @param data the {@code data} object, or null
     * @param errors the errors, empty when there were none
     */
    public record Result(Answer answer, JsonNode data, List<DataHubErrors.GraphQlError> errors) {
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
        List<DataHubErrors.GraphQlError> errors = DataHubErrors.read(body);
        JsonNode data = body.get("data");
        if (data != null && !data.isObject()) {
            data = null;
        }
        if (data == null && errors.isEmpty()) {
            throw ex.malformed("a GraphQL answer with data or errors");
        }
        return new Result(ex, data, errors);
    }

    /**
     * Sends the request and raises the answer's errors, if any.
     *
     * @param request the request
     * @return the answer, without errors
     * @throws ApiException on an HTTP error status or GraphQL errors
     * @throws MalformedResponseException when the body has neither a {@code data} object nor
     *     {@code errors}
     */
    public Result sendOrFail(ApiRequest request) {
        Result answer = send(request);
        if (!answer.errors().isEmpty()) {
            throw DataHubErrors.fail(answer, false);
        }
        return answer;
    }
}
