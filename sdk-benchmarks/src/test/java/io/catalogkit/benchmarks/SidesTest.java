package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.TokenStatus;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both sides parse the canned answers fully and read the same values from them, with one request
 * per operation: what the benchmarks compare is the same work.
 */
class SidesTest {
    private final Responder responder = Canned.responder();
    private final OkHttpClient http = Side.httpClient(responder);
    private final Target target = Canned.target(responder.baseUrl());
    private final Side kit = Side.create(Side.CATALOGKIT, target, http);
    private final Side hand = Side.create(Side.HAND_WRITTEN, target, http);

    @AfterEach
    void stop() {
        kit.close();
        hand.close();
        Side.shutdown(http);
        responder.close();
    }

    @Test
    void atlanGetByGuidReadsTheSameToken() {
        ApiToken k = (ApiToken) kit.atlanGetByGuid();
        HandWrittenSide.AtlanToken h = (HandWrittenSide.AtlanToken) hand.atlanGetByGuid();
        assertThat(k.getGuid()).isEqualTo(Canned.ATLAN_GUID).isEqualTo(h.guid());
        assertThat(k.getDisplayName()).isEqualTo("nightly-sync").isEqualTo(h.displayName());
        assertSame(k, h);
        assertThat(k.getPersonaQualifiedNames()).containsExactly("default/Tq8vNw3LkZp2Rx7Ym4Hc1J");
        assertThat(k.getCreatedAt()).contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(responder.requests(Canned.ATLAN_GET_BY_GUID)).isEqualTo(2);
        assertThat(responder.requests()).isEqualTo(2);
    }

    @Test
    void atlanListReadsTheSamePage() {
        @SuppressWarnings("unchecked")
        Page<ApiToken> k = (Page<ApiToken>) kit.atlanList();
        HandWrittenSide.AtlanPage h = (HandWrittenSide.AtlanPage) hand.atlanList();
        assertThat(k.getItems()).hasSize(Canned.PAGE_SIZE).hasSameSizeAs(h.tokens());
        assertThat(k.getTotal()).isEqualTo(Canned.ATLAN_TOTAL).isEqualTo(h.total());
        assertThat(k.hasNextPage()).isTrue().isEqualTo(h.hasNext());
        for (int i = 0; i < Canned.PAGE_SIZE; i++) {
            assertSame(k.getItems().get(i), h.tokens().get(i));
        }
        assertThat(k.getItems().stream()
                        .mapToInt(t -> t.getPersonaQualifiedNames().size())
                        .sum())
                .isPositive();
        assertThat(responder.requests(Canned.ATLAN_LIST)).isEqualTo(2);
        assertThat(responder.requests()).isEqualTo(2);
    }

    private static void assertSame(ApiToken k, HandWrittenSide.AtlanToken h) {
        assertThat(h.guid()).isEqualTo(k.getGuid());
        assertThat(h.clientId()).isEqualTo(k.getClientId());
        assertThat(h.displayName()).isEqualTo(k.getDisplayName());
        assertThat(h.description()).isEqualTo(k.getDescription().orElse(null));
        assertThat(h.personas()).isEqualTo(k.getPersonaQualifiedNames());
        assertThat(h.validitySeconds()).isEqualTo(k.getValiditySeconds().orElse(null));
        assertThat(h.createdAt()).isEqualTo(k.getCreatedAt().orElse(null));
        assertThat(h.createdBy()).isEqualTo(k.getCreatedBy().orElse(null));
    }

    @Test
    void alationValidateReadsTheSameState() {
        RefreshToken k = (RefreshToken) kit.alationValidate();
        HandWrittenSide.AlationRefreshToken h = (HandWrittenSide.AlationRefreshToken) hand.alationValidate();
        assertThat(k.getUserId()).isEqualTo(Canned.ALATION_USER_ID).isEqualTo(h.userId());
        assertThat(k.getName()).isEqualTo("catalogkit-ci").isEqualTo(h.name());
        assertThat(k.getCreatedAt()).isEqualTo(h.createdAt());
        assertThat(k.getExpiresAt()).contains(h.expiresAt());
        assertThat(k.getLastUsedAt()).contains(h.lastUsedAt());
        assertThat(k.getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(h.status()).isEqualTo("ACTIVE");
        assertThat(responder.requests(Canned.ALATION_VALIDATE)).isEqualTo(2);
        assertThat(responder.requests()).isEqualTo(2);
    }

    @Test
    void dataHubListReadsTheSamePage() {
        @SuppressWarnings("unchecked")
        Page<AccessToken> k = (Page<AccessToken>) kit.dataHubList();
        HandWrittenSide.TokenList h = (HandWrittenSide.TokenList) hand.dataHubList();
        assertThat(k.getTotal()).isEqualTo(Canned.DATAHUB_TOTAL).isEqualTo(h.total());
        assertThat(k.getItems()).hasSize(Canned.PAGE_SIZE).hasSameSizeAs(h.tokens());
        for (int i = 0; i < Canned.PAGE_SIZE; i++) {
            AccessToken a = k.getItems().get(i);
            HandWrittenSide.DataHubToken b = h.tokens().get(i);
            assertThat(a.getId()).contains(b.id());
            assertThat(a.getName()).contains(b.name());
            assertThat(a.getDescription().orElse(null)).isEqualTo(b.description());
            assertThat(a.getOwner()).contains(b.ownerUrn());
            assertThat(a.getActor()).contains(b.actorUrn());
            assertThat(a.getCreatedAt()).contains(Instant.ofEpochMilli(b.createdAt()));
            assertThat(a.getExpiresAt().orElse(null))
                    .isEqualTo(b.expiresAt() == null ? null : Instant.ofEpochMilli(b.expiresAt()));
        }
        assertThat(k.getItems().stream().map(AccessToken::getStatus).distinct().toList())
                .contains(TokenStatus.ACTIVE, TokenStatus.EXPIRED);
        assertThat(responder.requests(Canned.DATAHUB_LIST)).isEqualTo(2);
        assertThat(responder.requests()).isEqualTo(2);
    }

    @Test
    void authCallMintsOnceThenSendsOnlyTheCall() {
        assertThat(kit.alationDataCall()).isEqualTo(hand.alationDataCall());
        assertThat(responder.requests(Canned.ALATION_MINT)).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            kit.alationDataCall();
        }
        assertThat(responder.requests(Canned.ALATION_MINT)).isEqualTo(1);
        assertThat(responder.requests(Canned.ALATION_DATA)).isEqualTo(12);
        assertThat(responder.requests()).isEqualTo(13);
    }

    @Test
    void everyOperationRunsOnBothSides() {
        for (Op op : Op.values()) {
            assertThat(op.run(kit)).as(op.label()).isNotNull();
            assertThat(op.run(hand)).as(op.label()).isNotNull();
        }
        assertThat(List.of(Op.values())).extracting(Op::label).doesNotHaveDuplicates();
    }

    @Test
    void theListenerPropertyBindsMetricsOrNothing() {
        assertThat(CatalogkitSide.listener("metrics")).isInstanceOf(io.catalogkit.micrometer.CatalogKitMetrics.class);
        assertThat(CatalogkitSide.listener("")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CatalogkitSide.listener("prometheus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalogkit.bench.listener");
    }
}
