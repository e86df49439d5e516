package io.catalogkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.Page;
import io.catalogkit.tokens.RefreshToken;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS mode: the responder serves HTTPS, both sides trust it the same way, every operation's
 * answer arrives whole on both sides, and what the harness prints as the transport is what the
 * connection negotiated.
 */
class TlsTest {
    private final Responder responder = Canned.responder(true);
    private final Target target = Canned.target(responder.baseUrl());
    private final OkHttpClient kitHttp = Side.httpClient(responder);
    private final OkHttpClient handHttp = Side.httpClient(responder);
    private final Side kit = Side.create(Side.CATALOGKIT, target, kitHttp);
    private final Side hand = Side.create(Side.HAND_WRITTEN, target, handHttp);

    @AfterEach
    void stop() {
        kit.close();
        hand.close();
        Side.shutdown(kitHttp);
        Side.shutdown(handHttp);
        responder.close();
    }

    @Test
    void bothSidesGetEveryAnswerOverTls13() {
        assertThat(responder.baseUrl()).startsWith("https://127.0.0.1:");
        assertThat(Side.transport(kitHttp, responder)).isEqualTo("TLS 1.3 HTTP/1.1");
        assertThat(Side.transport(handHttp, responder)).isEqualTo("TLS 1.3 HTTP/1.1");

        ApiToken kitToken = (ApiToken) kit.atlanGetByGuid();
        HandWrittenSide.AtlanToken handToken = (HandWrittenSide.AtlanToken) hand.atlanGetByGuid();
        assertThat(kitToken.getGuid()).isEqualTo(Canned.ATLAN_GUID).isEqualTo(handToken.guid());
        assertThat(kitToken.getDisplayName()).isEqualTo("nightly-sync").isEqualTo(handToken.displayName());

        @SuppressWarnings("unchecked")
        Page<ApiToken> kitPage = (Page<ApiToken>) kit.atlanList();
        HandWrittenSide.AtlanPage handPage = (HandWrittenSide.AtlanPage) hand.atlanList();
        assertThat(kitPage.getItems()).hasSize(Canned.PAGE_SIZE);
        assertThat(handPage.tokens()).hasSize(Canned.PAGE_SIZE);
        assertThat(kitPage.getTotal()).isEqualTo(Canned.ATLAN_TOTAL).isEqualTo(handPage.total());

        RefreshToken kitRefresh = (RefreshToken) kit.alationValidate();
        HandWrittenSide.AlationRefreshToken handRefresh = (HandWrittenSide.AlationRefreshToken) hand.alationValidate();
        assertThat(kitRefresh.getName()).isEqualTo("catalogkit-ci").isEqualTo(handRefresh.name());
        assertThat(kitRefresh.getUserId()).isEqualTo(Canned.ALATION_USER_ID).isEqualTo(handRefresh.userId());

        @SuppressWarnings("unchecked")
        Page<AccessToken> kitTokens = (Page<AccessToken>) kit.dataHubList();
        HandWrittenSide.TokenList handTokens = (HandWrittenSide.TokenList) hand.dataHubList();
        assertThat(kitTokens.getTotal()).isEqualTo(Canned.DATAHUB_TOTAL).isEqualTo(handTokens.total());
        assertThat(kitTokens.getItems()).hasSize(Canned.PAGE_SIZE);
        assertThat(handTokens.tokens()).hasSize(Canned.PAGE_SIZE);

        int tables = Canned.alationTables().getBytes(StandardCharsets.UTF_8).length;
        assertThat(kit.alationDataCall()).isEqualTo(tables);
        assertThat(hand.alationDataCall()).isEqualTo(tables);

        // 2 probes, 4 operations and the data call on each side, and catalogkit's one mint
        assertThat(responder.requests()).isEqualTo(2 + 2 * 5 + 1);
        assertThat(responder.requests(Canned.ALATION_MINT)).isEqualTo(1);
        // every connection was TLS 1.3, and each side's pool kept its one connection
        assertThat(responder.tlsVersions()).isEqualTo(Set.of("TLSv1.3"));
        assertThat(responder.tlsHandshakes()).isEqualTo(responder.connections()).isEqualTo(2);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNoAnswer() {
        OkHttpClient untrusting = Side.httpClient();
        try {
            assertThatThrownBy(() -> Side.transport(untrusting, responder))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SSLException.class);
        } finally {
            Side.shutdown(untrusting);
        }
        assertThat(responder.requests()).isZero();
    }

    @Test
    void plainHttpIsReportedAsSuch() {
        try (Responder plain = Canned.responder(false)) {
            OkHttpClient http = Side.httpClient(plain);
            try {
                assertThat(plain.baseUrl()).startsWith("http://");
                assertThat(plain.clientCertificates()).isEmpty();
                assertThat(Side.transport(http, plain)).isEqualTo("plain HTTP/1.1");
            } finally {
                Side.shutdown(http);
            }
            assertThat(plain.requests()).isEqualTo(1);
            assertThat(plain.tlsHandshakes()).isZero();
            assertThat(plain.tlsVersions()).isEmpty();
        }
    }

    @Test
    void theTlsPropertyIsTrueFalseOrUnset() {
        assertThat(Canned.tls("true")).isTrue();
        assertThat(Canned.tls("false")).isFalse();
        assertThat(Canned.tls("")).isFalse();
        assertThatThrownBy(() -> Canned.tls("yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalogkit.bench.tls");
    }

    @Test
    void throughputPassesTheTlsAndListenerPropertiesOnToItsJvms() {
        List<String> before = Harness.throughputCommand(Side.CATALOGKIT, Op.values()[0], 32, 10, 8, 120);
        assertThat(before).noneMatch(a -> a.startsWith("-Dcatalogkit.bench."));
        String tls = System.getProperty(Canned.TLS);
        String listener = System.getProperty(CatalogkitSide.LISTENER);
        System.setProperty(Canned.TLS, "true");
        System.setProperty(CatalogkitSide.LISTENER, "metrics");
        try {
            List<String> command = Harness.throughputCommand(Side.CATALOGKIT, Op.values()[0], 32, 10, 8, 120);
            int main = command.indexOf(Throughput.class.getName());
            assertThat(command.subList(0, main))
                    .contains("-Dcatalogkit.bench.tls=true", "-Dcatalogkit.bench.listener=metrics");
            assertThat(command.subList(main, command.size()))
                    .containsExactly(
                            Throughput.class.getName(), Side.CATALOGKIT, Op.values()[0].name(), "32", "10", "8", "120");
        } finally {
            restore(Canned.TLS, tls);
            restore(CatalogkitSide.LISTENER, listener);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
