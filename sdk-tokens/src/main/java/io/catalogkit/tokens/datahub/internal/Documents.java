package io.catalogkit.tokens.datahub.internal;

/**
 * The GraphQL documents the SDK sends, as constants: user input goes only into {@code variables}.
 * Each selects only fields present in both DataHub schema builds (never {@code owner}, which only
 * Core >= 1.4 has); a test validates every one against both.
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

    private Documents() {}
}
