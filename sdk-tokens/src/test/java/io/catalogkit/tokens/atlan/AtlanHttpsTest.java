package io.catalogkit.tokens.atlan;

import io.catalogkit.tokens.OverTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link AtlanFakeTest} over HTTPS (HTTP/2 by ALPN), the way users reach Atlan. */
class AtlanHttpsTest extends AtlanFakeTest {
    @Override
    boolean https() {
        return true;
    }

    @Test
    void theFakeSpeaksHttp2OverTls() throws IOException {
        OverTls.negotiatesHttp2(atlan);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsOnceSayingHowToTrustIt() {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        try (AtlanClient untrusting = AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(admin.secret())
                .sleeper(sleeps::add)
                .build()) {
            OverTls.anUntrustedCertificateIsNotRetried(
                    () -> untrusting.apiTokens().list(0, 10), sleeps, atlan);
        }
    }
}
