package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Service accounts against FakeDataHub: Core 1.4's schema and privilege rule, and an older server. */
class ServiceAccountFakeTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";
    static final String OPS = "urn:li:corpuser:ops";

    final FakeClock clock = new FakeClock(Instant.parse("2024-11-23T00:00:00Z"));
    final List<DataHubClient> clients = new ArrayList<>();
    FakeDataHub hub;
    DataHubClient admin;

    @BeforeEach
    void start() {
        hub = new FakeDataHub(clock).start();
        hub.addAdmin(ADMIN)
                .addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS)
                .addUser(OPS, FakeDataHub.MANAGE_SERVICE_ACCOUNTS)
                .addServiceAccount("ingestion", "Ingestion", "nightly loads");
        admin = client(hub.addAccessToken(ADMIN).secret());
    }

    @AfterEach
    void stop() {
        clients.forEach(DataHubClient::close);
        hub.close();
    }

    DataHubClient client(Secret token) {
        DataHubClient c = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(d -> {})
                .build();
        clients.add(c);
        return c;
    }

    /** One call of each operation. */
    static List<Executable> everyCall(ServiceAccountService sa, String account) {
        return List.of(
                () -> sa.create("x", null),
                () -> sa.list(0, 10, null),
                () -> sa.get(account),
                () -> sa.delete(account),
                () -> sa.createToken(account, AccessTokenDuration.ONE_DAY, "t", null),
                () -> sa.listTokens(account, 0, 10));
    }

    @Test
    void createListGetAndDeleteAnAccount() {
        ServiceAccountService sa = admin.serviceAccounts();
        ServiceAccount made = sa.create("Exporter", "weekly exports");
        assertThat(made.getDisplayName()).contains("Exporter");
        assertThat(made.getCreatedBy()).contains(ADMIN);
        assertThat(made.getCreatedAt()).contains(clock.instant());
        assertThat(hub.serviceAccountUrns()).contains(made.getUrn());

        assertThat(sa.list(0, 1, null).autoPager().map(ServiceAccount::getUrn))
                .containsExactlyInAnyOrder(FakeDataHub.serviceAccountUrn("ingestion"), made.getUrn());
        assertThat(sa.list(0, 10, "weekly").getItems())
                .extracting(ServiceAccount::getUrn)
                .containsExactly(made.getUrn());
        // lists leave createdAt out; get has it
        assertThat(sa.list(0, 10, "weekly").getItems().get(0).getCreatedAt()).isEmpty();
        assertThat(sa.get(made.getUrn()).flatMap(ServiceAccount::getDescription))
                .contains("weekly exports");

        assertThat(sa.delete(made.getUrn())).isTrue();
        assertThat(sa.get(made.getUrn())).isEmpty();
        assertThat(sa.delete(made.getUrn())).isFalse();
    }

    @Test
    void aTokenActsAsTheAccountAndIsListedUnderIt() {
        String account = FakeDataHub.serviceAccountUrn("ingestion");
        DataHubClient ops = client(hub.addAccessToken(OPS).secret());
        AccessToken token = ops.serviceAccounts().createToken(account, AccessTokenDuration.ONE_WEEK, "loader", "ci");
        assertThat(token.getActor()).contains(account);
        assertThat(token.getOwner()).contains(OPS);
        assertThat(token.getExpiresAt()).contains(clock.instant().plus(Duration.ofDays(7)));
        assertThat(ops.serviceAccounts().listTokens(account, 0, 10).getItems())
                .extracting(t -> t.getId().orElseThrow())
                .containsExactly(token.getId().orElseThrow());

        // the token authenticates as the account, and is revoked like any other
        DataHubClient asAccount = client(token.getSecret().orElseThrow());
        assertThatThrownBy(() -> asAccount.serviceAccounts().list(0, 1, null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(admin.accessTokens().revoke(token.getId().orElseThrow())).isTrue();
        assertThatThrownBy(() -> asAccount.serviceAccounts().list(0, 1, null))
                .isInstanceOf(AuthenticationException.class);
        assertThat(ops.serviceAccounts().listTokens(account, 0, 10).getItems()).isEmpty();
    }

    @Test
    void everyCallNeedsManageServiceAccounts() {
        DataHubClient jdoe = client(hub.addAccessToken(JDOE).secret());
        ServiceAccountService sa = jdoe.serviceAccounts();
        String account = FakeDataHub.serviceAccountUrn("ingestion");
        for (Executable call : everyCall(sa, account)) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("Manage Service Accounts");
        }
        assertThat(hub.serviceAccountUrns()).containsExactly(account);
    }

    @Test
    void anOlderServerHasNoServiceAccounts() {
        hub.schemaBuild(FakeDataHub.SchemaBuild.PRE_SERVICE_ACCOUNTS);
        ServiceAccountService sa = admin.serviceAccounts();
        String account = FakeDataHub.serviceAccountUrn("ingestion");
        for (Executable call : everyCall(sa, account)) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("has no service accounts")
                    .hasMessageContaining("Core 1.4")
                    .hasMessageNotContaining("FieldUndefined")
                    .hasMessageNotContaining("Validation error");
        }
        // personal tokens still work there
        assertThat(admin.accessTokens().list(0, 10, null).getTotal()).isEqualTo(1);
    }

    @Test
    void resetRestoresTheSeededAccounts() {
        hub.markSeeded();
        admin.serviceAccounts().create("temp", null);
        assertThat(hub.serviceAccountUrns()).hasSize(2);
        hub.reset();
        assertThat(hub.serviceAccountUrns()).containsExactly(FakeDataHub.serviceAccountUrn("ingestion"));
    }
}
