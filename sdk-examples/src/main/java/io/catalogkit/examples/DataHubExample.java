package io.catalogkit.examples;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import io.catalogkit.tokens.datahub.DataHubTokenService;
import io.catalogkit.tokens.datahub.ServiceAccount;
import io.catalogkit.tokens.datahub.ServiceAccountService;
import java.io.PrintStream;

/**
 * DataHub personal access tokens: create a token for a user, list the user's tokens, read a token's
 * metadata, revoke it, and watch the list shrink; then a service account with a token of its own.
 *
 * <p>Runs against a real DataHub when {@code DATAHUB_GMS_URL} and {@code DATAHUB_GMS_TOKEN} are set
 * (the token's own user gets the new token, which is revoked again at the end), else against an
 * embedded {@link FakeDataHub} seeded with an admin and a user.
 */
public final class DataHubExample {
    private DataHubExample() {}

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     */
    public static void run(PrintStream out) {
        String url = System.getenv(DataHubClient.ENV_GMS_URL);
        String token = System.getenv(DataHubClient.ENV_GMS_TOKEN);
        if (url != null && !url.isBlank() && token != null && !token.isBlank()) {
            out.println("DataHub at " + url + " (from " + DataHubClient.ENV_GMS_URL + ")");
            try (DataHubClient client = DataHubClient.fromEnv()) {
                String me = client.actorUrn()
                        .orElseThrow(() -> new IllegalStateException(
                                DataHubClient.ENV_GMS_TOKEN + " is not a DataHub personal access token"));
                story(out, client.accessTokens(), client.accessTokens(), me);
                serviceAccount(out, client);
            }
            return;
        }
        out.println("DataHub: embedded FakeDataHub (set " + DataHubClient.ENV_GMS_URL + " and "
                + DataHubClient.ENV_GMS_TOKEN + " for a real server)");
        try (FakeDataHub hub = new FakeDataHub().start()) {
            String admin = "urn:li:corpuser:datahub";
            String user = "urn:li:corpuser:jdoe";
            hub.addAdmin(admin).addUser(user, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            try (DataHubClient adminClient =
                            client(hub, hub.addAccessToken(admin).secret());
                    DataHubClient userClient = client(
                            hub,
                            hub.addAccessToken(
                                            user,
                                            user,
                                            "laptop",
                                            null,
                                            hub.clock().instant(),
                                            null)
                                    .secret())) {
                story(out, userClient.accessTokens(), adminClient.accessTokens(), user);
                serviceAccount(out, adminClient);
            }
        }
    }

    private static DataHubClient client(FakeDataHub hub, Secret token) {
        return DataHubClient.builder().baseUrl(hub.baseUrl()).token(token).build();
    }

    /**
     * The story.
     *
     * @param tokens the user's own view: creates, lists and revokes the user's tokens
     * @param admin a view with "Manage All Access Tokens", for reading a raw token's metadata
     * @param user the user's urn
     */
    private static void story(PrintStream out, DataHubTokenService tokens, DataHubTokenService admin, String user) {
        out.println("  " + user + " has " + tokens.list(0, 20, user).getTotal() + " token(s)");

        AccessToken made =
                tokens.create(user, AccessTokenDuration.ONE_MONTH, "catalogkit-example", "made by catalogkit");
        String id = made.getId().orElseThrow(() -> new IllegalStateException("DataHub returned no token id"));
        out.println("  created '" + made.getName().orElse("") + "': value "
                + made.getSecret().map(Secret::masked).orElse("-") + ", expires "
                + made.getExpiresAt().map(Object::toString).orElse("never"));

        Page<AccessToken> page = tokens.list(0, 20, user);
        out.println("  " + user + " now has " + page.getTotal() + " token(s):");
        page.autoPager()
                .forEach(t -> out.println("    - " + t.getName().orElse("?") + " (" + t.getStatus() + ", expires "
                        + t.getExpiresAt().map(Object::toString).orElse("never") + ")"));

        try {
            AccessToken meta = admin.getMetadata(made.getSecret().orElseThrow());
            out.println(
                    "  metadata of the new token: acts as " + meta.getActor().orElse("?") + ", made by "
                            + meta.getOwner().orElse("?"));
        } catch (PermissionDeniedException e) {
            out.println("  metadata of the new token: needs 'Manage All Access Tokens' (skipped)");
        }

        out.println("  revoked: " + tokens.revoke(id));
        out.println("  " + user + " has " + tokens.list(0, 20, user).getTotal() + " token(s) again");
    }

    /**
     * A service account with a token of its own (DataHub Core 1.4 and later), then tidied away.
     *
     * @param client a client with "Manage Service Accounts"
     */
    private static void serviceAccount(PrintStream out, DataHubClient client) {
        ServiceAccountService accounts = client.serviceAccounts();
        ServiceAccount account;
        try {
            account = accounts.create("catalogkit example", "made by catalogkit");
        } catch (PermissionDeniedException e) {
            out.println("  service accounts: need 'Manage Service Accounts' (skipped)");
            return;
        } catch (ApiException e) {
            out.println("  service accounts: " + e.getMessage());
            return;
        }
        out.println("  created service account " + account.getUrn() + " ("
                + account.getDisplayName().orElse(account.getName()) + ")");
        AccessToken token = accounts.createToken(account.getUrn(), AccessTokenDuration.ONE_DAY, "example-ingest", null);
        out.println("  its token '" + token.getName().orElse("") + "': value "
                + token.getSecret().map(Secret::masked).orElse("-") + ", acts as "
                + token.getActor().orElse("?") + ", expires "
                + token.getExpiresAt().map(Object::toString).orElse("never"));
        out.println("  the account has "
                + accounts.listTokens(account.getUrn(), 0, 20).getTotal() + " token(s)");
        // deleting an account may leave its tokens valid: revoke them first
        out.println(
                "  token revoked: " + client.accessTokens().revoke(token.getId().orElseThrow()) + ", account deleted: "
                        + accounts.delete(account.getUrn()));
    }
}
