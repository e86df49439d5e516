package io.catalogkit.tokens.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.TokenStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK against FakeDataHub: real GraphQL over DataHub's schema, DataHub's privilege rules. */
class DataHubFakeTest {
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String JDOE = "urn:li:corpuser:jdoe";
    static final String ALICE = "urn:li:corpuser:alice";

    final FakeClock clock = new FakeClock(Instant.parse("2024-11-23T00:00:00Z"));
    final List<DataHubClient> clients = new ArrayList<>();
    FakeDataHub hub;
    DataHubTokenService admin;
    DataHubTokenService jdoe;

    @BeforeEach
    void start() {
        hub = (https() ? new FakeDataHub(clock).https() : new FakeDataHub(clock)).start();
        hub.addAdmin(ADMIN)
                .addUser(JDOE, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS)
                .addUser(ALICE);
        admin = client(hub.addAccessToken(ADMIN).secret()).accessTokens();
        jdoe = client(hub.addAccessToken(JDOE).secret()).accessTokens();
    }

    @AfterEach
    void stop() {
        clients.forEach(DataHubClient::close);
        hub.close();
    }

    /** Whether the fake serves HTTPS; {@link DataHubHttpsTest} runs this suite over TLS. */
    boolean https() {
        return false;
    }

    DataHubClient client(Secret token) {
        DataHubClient.Builder b = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .clock(clock)
                .sleeper(d -> {});
        if (https()) {
            b.httpClient(hub.httpClient());
        }
        DataHubClient c = b.build();
        clients.add(c);
        return c;
    }

    static List<String> names(Page<AccessToken> page) {
        return page.autoPager().map(t -> t.getName().orElseThrow()).toList();
    }

    @ParameterizedTest
    @EnumSource(FakeDataHub.SchemaBuild.class)
    void createListReadRevokeAndWatchTheListShrink(FakeDataHub.SchemaBuild build) {
        hub.schemaBuild(build);
        AccessToken made = jdoe.create(JDOE, AccessTokenDuration.ONE_WEEK, "catalogkit-ci", "nightly ingestion");
        Secret secret = made.getSecret().orElseThrow();
        String id = made.getId().orElseThrow();
        assertThat(id).isEqualTo(hub.tokenId(secret));
        assertThat(made.getOwner()).contains(JDOE);
        assertThat(made.getActor()).contains(JDOE);
        assertThat(made.getCreatedAt()).contains(clock.instant());
        assertThat(made.getExpiresAt()).contains(clock.instant().plus(Duration.ofDays(7)));
        assertThat(made.getStatus()).isEqualTo(TokenStatus.ACTIVE);

        Page<AccessToken> mine = jdoe.list(0, 20, JDOE);
        assertThat(mine.getTotal()).isEqualTo(2);
        assertThat(names(mine)).containsExactly("catalogkit-ci", "seeded");

        AccessToken meta = admin.getMetadata(secret);
        assertThat(meta.getId()).contains(id);
        assertThat(meta.getName()).contains("catalogkit-ci");
        assertThat(meta.getDescription()).contains("nightly ingestion");
        assertThat(meta.getSecret()).isEmpty();

        // the new token works as jdoe
        assertThat(client(secret).accessTokens().list(0, 20, JDOE).getTotal()).isEqualTo(2);

        assertThat(jdoe.revoke(id)).isTrue();
        assertThat(names(jdoe.list(0, 20, JDOE))).containsExactly("seeded");
        assertThatThrownBy(() -> client(secret).accessTokens().list(0, 20, JDOE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("invalid or revoked");
        assertThatThrownBy(() -> admin.getMetadata(secret)).isInstanceOf(NotFoundException.class);

        // a second revoke: the owner cannot tell it from "not yours", an admin is told it is gone
        assertThatThrownBy(() -> jdoe.revoke(id)).isInstanceOf(PermissionDeniedException.class);
        assertThat(admin.revoke(id)).isFalse();
    }

    @Test
    void adminsListEveryoneWhileUsersListOnlyTheirOwn() {
        admin.create(JDOE, AccessTokenDuration.ONE_DAY, "made-for-jdoe", null);
        jdoe.create(JDOE, AccessTokenDuration.ONE_DAY, "jdoes-own", null);

        assertThat(names(admin.list(0, 20, null)))
                .containsExactlyInAnyOrder("seeded", "seeded", "made-for-jdoe", "jdoes-own");
        assertThat(names(admin.list(0, 20, ADMIN))).containsExactlyInAnyOrder("seeded", "made-for-jdoe");
        assertThat(names(admin.list(0, 20, JDOE))).containsExactlyInAnyOrder("seeded", "jdoes-own");

        // ownerUrn decides, not actorUrn: the token an admin made for jdoe is not jdoe's to list
        assertThat(names(jdoe.list(0, 20, JDOE))).containsExactlyInAnyOrder("seeded", "jdoes-own");

        PermissionDeniedException all =
                catchThrowableOfType(PermissionDeniedException.class, () -> jdoe.list(0, 20, null));
        assertThat(all.getMessage()).contains("Manage All Access Tokens").contains("list(0, 20, \"" + JDOE + "\")");
        assertThatThrownBy(() -> jdoe.list(0, 20, ADMIN)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void creatingForOthersNeedsTheAdminPrivilege() {
        AccessToken forJdoe = admin.create(JDOE, AccessTokenDuration.ONE_DAY, "for jdoe", null);
        assertThat(forJdoe.getActor()).contains(JDOE);
        assertThat(forJdoe.getOwner()).contains(ADMIN);

        assertThatThrownBy(() -> jdoe.create(ALICE, AccessTokenDuration.ONE_DAY, "x", null))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Manage All Access Tokens");
        DataHubTokenService alice = client(hub.addAccessToken(ALICE).secret()).accessTokens();
        assertThatThrownBy(() -> alice.create(ALICE, AccessTokenDuration.ONE_DAY, "x", null))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Generate Personal Access Tokens");
        assertThatThrownBy(() -> jdoe.getMetadata(forJdoe.getSecret().orElseThrow()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> jdoe.revoke(forJdoe.getId().orElseThrow()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(admin.revoke(forJdoe.getId().orElseThrow())).isTrue();
    }

    @Test
    void pagesThroughMoreThanOnePage() {
        Instant now = clock.instant();
        for (int i = 1; i <= 7; i++) {
            hub.addAccessToken(JDOE, JDOE, "t" + i, null, now, now.plus(Duration.ofDays(i)));
        }
        hub.clearRequests();
        Page<AccessToken> first = jdoe.list(0, 3, JDOE);
        assertThat(first.getTotal()).isEqualTo(8);
        assertThat(first.getItems()).hasSize(3);
        assertThat(hub.requests()).hasSize(1);
        List<String> all = names(first);
        // latest expiry first, the never-expiring seeded token last
        assertThat(all).containsExactly("t7", "t6", "t5", "t4", "t3", "t2", "t1", "seeded");
        assertThat(hub.requests()).hasSize(3);
        Page<AccessToken> last = first.nextPage().nextPage();
        assertThat(last.getItems()).hasSize(2);
        assertThat(last.hasNextPage()).isFalse();
    }

    @Test
    void durationsAreHonouredOnTheClockAndExpiredTokensAreSaidToBe() {
        AccessToken hour = jdoe.create(JDOE, AccessTokenDuration.ONE_HOUR, "hour", null);
        AccessToken listedOnly = jdoe.create(JDOE, AccessTokenDuration.ONE_HOUR, "listed-only", null);
        AccessToken forever = jdoe.create(JDOE, AccessTokenDuration.NO_EXPIRY, "forever", null);
        assertThat(forever.getExpiresAt()).isEmpty();
        DataHubTokenService withHour = client(hour.getSecret().orElseThrow()).accessTokens();
        clock.advance(Duration.ofMinutes(59));
        assertThat(withHour.list(0, 20, JDOE).getTotal()).isEqualTo(4);

        clock.advance(Duration.ofMinutes(1));
        AuthenticationException e =
                catchThrowableOfType(AuthenticationException.class, () -> withHour.list(0, 20, JDOE));
        assertThat(e.getMessage()).contains("expired at 2024-11-23T01:00:00Z");

        // the expired token that was presented is gone; the other stays listed, as EXPIRED
        List<AccessToken> left = jdoe.list(0, 20, JDOE).getItems();
        assertThat(left)
                .extracting(t -> t.getName().orElseThrow())
                .containsExactlyInAnyOrder("listed-only", "forever", "seeded");
        assertThat(left.get(0).getId()).isEqualTo(listedOnly.getId());
        assertThat(left.get(0).getStatus()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(left.subList(1, 3)).allSatisfy(t -> assertThat(t.getStatus()).isEqualTo(TokenStatus.ACTIVE));
    }

    @Test
    void aNewTokenMayBeMissingFromTheListForAWhile() {
        hub.listVisibilityDelay(Duration.ofSeconds(3));
        AccessToken made = jdoe.create(JDOE, AccessTokenDuration.ONE_DAY, "fresh", null);
        assertThat(made.getId()).isPresent();
        assertThat(names(jdoe.list(0, 20, JDOE))).containsExactly("seeded");
        clock.advance(Duration.ofSeconds(3));
        assertThat(names(jdoe.list(0, 20, JDOE))).containsExactly("fresh", "seeded");
    }

    @Test
    void anOpaqueSecondRevokeIsAServerErrorNotFalse() {
        AccessToken made = jdoe.create(JDOE, AccessTokenDuration.ONE_DAY, "x", null);
        assertThat(admin.revoke(made.getId().orElseThrow())).isTrue();
        hub.opaqueRevokeErrors(true);
        assertThatThrownBy(() -> admin.revoke(made.getId().orElseThrow()))
                .isInstanceOf(io.catalogkit.core.ServerException.class)
                .hasMessageContaining("An unknown error occurred.");
    }

    @Test
    void everyRequestGoesToApiGraphqlAsPostWithTheBearerToken() {
        Secret token = hub.addAccessToken(JDOE).secret();
        DataHubTokenService t = client(token).accessTokens();
        hub.clearRequests();
        t.list(0, 5, JDOE);
        t.create(JDOE, AccessTokenDuration.ONE_DAY, "n", null);
        assertThat(hub.requests()).hasSize(2).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.path()).isEqualTo("/api/graphql");
            assertThat(c.header("Authorization")).contains("Bearer " + token.reveal());
            assertThat(c.json().path("query").asText()).isNotBlank();
        });
    }
}
