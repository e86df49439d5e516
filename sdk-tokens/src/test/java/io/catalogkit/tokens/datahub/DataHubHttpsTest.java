package io.catalogkit.tokens.datahub;

import io.catalogkit.core.Secret;
import io.catalogkit.tokens.OverTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link DataHubFakeTest} over HTTPS (HTTP/2 by ALPN), the way users reach DataHub. */
class DataHubHttpsTest extends DataHubFakeTest {
    @Override
    boolean https() {
        return true;
    }

    @Test
    void theFakeSpeaksHttp2OverTls() throws IOException {
        OverTls.negotiatesHttp2(hub);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsOnceSayingHowToTrustIt() {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        Secret token = hub.addAccessToken(ADMIN).secret();
        try (DataHubClient untrusting = DataHubClient.builder()
                .baseUrl(hub.baseUrl())
                .token(token)
                .sleeper(sleeps::add)
                .build()) {
            OverTls.anUntrustedCertificateIsNotRetried(
                    () -> untrusting.accessTokens().list(0, 10, null), sleeps, hub);
        }
    }
}
