package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry stage alone: what is repeated, after how long, and what never is. */
class RetryPolicyTest {
    static final long PLENTY = TimeUnit.HOURS.toNanos(1);

    final TestClients clients = new TestClients();

    RetryPolicy policy(TestClients.Builder b) {
        return new RetryPolicy(b.build());
    }

    RetryPolicy policy() {
        return policy(clients.builder("https://h.example.com"));
    }

    static ApiRequest safe() {
        return ApiRequest.builder("read", "GET").safeToRetry(true).build();
    }

    static ApiRequest unsafe() {
        return ApiRequest.builder("create", "POST").build();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void retriesTheRetryableStatusesOfASafeCall(int status) {
        assertThat(policy().afterStatus(safe(), 1, status, null, PLENTY)).isNotNull();
        assertThat(policy().afterStatus(unsafe(), 1, status, null, PLENTY))
                .as("a status is never a reason to repeat an unsafe call")
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 500, 501})
    void neverRetriesOtherStatuses(int status) {
        assertThat(policy().afterStatus(safe(), 1, status, null, PLENTY)).isNull();
    }

    @Test
    void anIoErrorIsRetriedForASafeCallOrWhenNothingWasSent() {
        RetryPolicy p = policy();
        assertThat(p.afterFailure(safe(), 1, true, PLENTY)).isNotNull();
        assertThat(p.afterFailure(unsafe(), 1, false, PLENTY)).isNotNull();
        assertThat(p.afterFailure(unsafe(), 1, true, PLENTY)).isNull();
    }

    /** A handshake ended on a certificate whose chain leads to no trusted authority. */
    static javax.net.ssl.SSLHandshakeException untrusted() {
        javax.net.ssl.SSLHandshakeException e = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        e.initCause(new java.security.cert.CertPathBuilderException("unable to find valid certification path"));
        return e;
    }

    @Test
    void anUntrustedServerCertificateIsNeverRetriedButOtherHandshakeFailuresAre() {
        RetryPolicy p = policy();
        assertThat(p.afterFailure(safe(), 1, untrusted(), false, PLENTY)).isNull();
        assertThat(p.afterFailure(unsafe(), 1, untrusted(), false, PLENTY)).isNull();
        javax.net.ssl.SSLPeerUnverifiedException peer = new javax.net.ssl.SSLPeerUnverifiedException("peer");
        peer.initCause(new java.security.cert.CertPathValidatorException("expired"));
        assertThat(p.afterFailure(safe(), 1, peer, false, PLENTY)).isNull();
        assertThat(p.afterFailure(safe(), 1, new javax.net.ssl.SSLHandshakeException("reset"), false, PLENTY))
                .isNotNull();
        assertThat(p.afterFailure(safe(), 1, new java.io.IOException("reset"), false, PLENTY))
                .isNotNull();
    }

    @Test
    void stopsAfterMaxRetries() {
        RetryPolicy p = policy(clients.builder("https://h.example.com").maxRetries(2));
        assertThat(p.afterStatus(safe(), 2, 503, null, PLENTY)).isNotNull();
        assertThat(p.afterStatus(safe(), 3, 503, null, PLENTY)).isNull();
        assertThat(p.afterFailure(safe(), 3, true, PLENTY)).isNull();
        assertThat(p.maxAttempts()).isEqualTo(3);
    }

    @Test
    void integerMaxValueRetriesDoNotOverflow() {
        RetryPolicy p = policy(clients.builder("https://h.example.com").maxRetries(Integer.MAX_VALUE));
        assertThat(p.afterStatus(safe(), 1, 503, null, PLENTY)).isNotNull();
        assertThat(p.afterStatus(safe(), Integer.MAX_VALUE, 503, null, PLENTY)).isNotNull();
        assertThat(p.maxAttempts()).isEqualTo(Integer.MAX_VALUE + 1L);
    }

    @Test
    void onlyTheServersRetryAfterIsHeldAgainstMaxRetryAfter() {
        RetryPolicy p = policy(clients.builder("https://h.example.com")
                .retryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .maxRetryAfter(Duration.ofMillis(1)));
        for (int i = 0; i < 50; i++) {
            assertThat(p.afterStatus(safe(), 1, 503, null, PLENTY))
                    .as("our own backoff is never compared with maxRetryAfter")
                    .isNotNull();
        }
        assertThat(p.afterStatus(safe(), 1, 503, Duration.ofSeconds(1), PLENTY)).isNull();
        assertThat(p.afterStatus(safe(), 1, 503, Duration.ZERO, PLENTY)).isEqualTo(Duration.ZERO);
    }

    @Test
    void honoursRetryAfterUpToTheCeiling() {
        RetryPolicy p = policy();
        assertThat(p.afterStatus(safe(), 1, 429, Duration.ofSeconds(7), PLENTY)).isEqualTo(Duration.ofSeconds(7));
        assertThat(p.afterStatus(safe(), 1, 429, Duration.ofSeconds(61), PLENTY))
                .isNull();
    }

    @Test
    void startsNoWaitThatOutlastsTheTimeBudget() {
        RetryPolicy p = policy();
        long oneSecond = TimeUnit.SECONDS.toNanos(1);
        assertThat(p.afterStatus(safe(), 1, 503, Duration.ofSeconds(5), oneSecond))
                .isNull();
        assertThat(p.afterStatus(safe(), 1, 503, Duration.ofMillis(10), oneSecond))
                .isEqualTo(Duration.ofMillis(10));
        RetryPolicy slow = policy(
                clients.builder("https://h.example.com").retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThat(slow.afterFailure(safe(), 1, true, 0)).isNull();
    }

    @Test
    void backoffIsFullJitterUnderADoublingCeiling() {
        RetryPolicy p = policy(
                clients.builder("https://h.example.com").retryBackoff(Duration.ofMillis(100), Duration.ofMillis(250)));
        for (int i = 0; i < 200; i++) {
            assertThat(p.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(p.backoff(2)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(p.backoff(40)).isBetween(Duration.ZERO, Duration.ofMillis(250));
            assertThat(p.backoff(Integer.MAX_VALUE)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        }
        RetryPolicy none = policy(clients.builder("https://h.example.com").retryBackoff(Duration.ZERO, Duration.ZERO));
        assertThat(none.backoff(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDateAndIgnoresTheRest() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        RetryPolicy p = policy(clients.builder("https://h.example.com").clock(Clock.fixed(now, ZoneOffset.UTC)));
        assertThat(p.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(p.retryAfter("99999999999")).isEqualTo(Duration.ofSeconds(99_999_999_999L));
        assertThat(p.retryAfter("Thu, 01 Jan 2026 00:00:12 GMT")).isEqualTo(Duration.ofSeconds(12));
        assertThat(p.retryAfter("Wed, 31 Dec 2025 00:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(p.retryAfter("99999999999999999999999")).isNull();
        assertThat(p.retryAfter("-5")).isNull();
        assertThat(p.retryAfter("soon")).isNull();
        assertThat(p.retryAfter("")).isNull();
        assertThat(p.retryAfter(null)).isNull();
    }

    @Test
    void theOutcomeIsUnknownOnlyWhenTheServerMayHaveActedWithoutSaying() {
        assertThat(RetryPolicy.outcomeUnknown(true, 0)).as("sent, then lost").isTrue();
        assertThat(RetryPolicy.outcomeUnknown(false, 0)).as("never sent").isFalse();
        assertThat(RetryPolicy.outcomeUnknown(true, 502)).isTrue();
        assertThat(RetryPolicy.outcomeUnknown(true, 504)).isTrue();
        assertThat(RetryPolicy.outcomeUnknown(true, 503))
                .as("503 says nothing was done")
                .isFalse();
        assertThat(RetryPolicy.outcomeUnknown(true, 429)).isFalse();
    }
}
