package io.catalogkit.tokens.datahub.internal;

/**
 * The GraphQL documents the SDK sends, as constants: user input goes only into {@code variables}.
 * The token documents select only fields present in both DataHub schema builds (never {@code
 * owner}, which only Core >= 1.4 has) and a test validates every one against both; the
 * service-account documents exist only in Core >= 1.4 and are validated against it.
 */
public final class Documents {
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

    private Documents() {}
}
