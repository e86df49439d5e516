package io.catalogkit.tokens.alation;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.OverTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link AlationFakeTest} over HTTPS (HTTP/2 by ALPN), the way users reach Alation. */
class AlationHttpsTest extends AlationFakeTest {
    @Override
    AlationFixture fixture() {
        return new AlationFixture(true, b -> b);
    }

    @Test
    void theFakeSpeaksHttp2OverTls() throws IOException {
        OverTls.negotiatesHttp2(f.alation);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsOnceSayingHowToTrustIt() {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        try (AlationClient untrusting = AlationClient.builder()
                .baseUrl(f.alation.baseUrl())
                .sleeper(sleeps::add)
                .build()) {
            OverTls.anUntrustedCertificateIsNotRetried(
                    () -> untrusting.refreshTokens().validate(f.refreshToken, f.userId), sleeps, f.alation);
        }
    }

    @Test
    void theManagedAccessTokenIsMintedAndUsedOverTls() {
        Secret access = f.client.currentAccessToken();
        assertThatTokenWorks(access);
    }

    private void assertThatTokenWorks(Secret access) {
        org.assertj.core.api.Assertions.assertThat(
                        f.client.accessTokens().validate(access, f.userId).getStatus())
                .isEqualTo(io.catalogkit.tokens.TokenStatus.ACTIVE);
    }
}
