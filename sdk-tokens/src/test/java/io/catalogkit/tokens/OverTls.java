package io.catalogkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What each platform's suite over HTTPS checks besides the suite itself, the same way for all three. */
public final class OverTls {
    private OverTls() {}

    /**
     * The fake speaks HTTP/2, negotiated by ALPN, to a client that trusts it.
     *
     * @param fake a fake started with {@code https()}
     * @throws IOException when the call fails
     */
    public static void negotiatesHttp2(FakeServer<?> fake) throws IOException {
        assertThat(fake.baseUrl()).startsWith("https://");
        try (Response r = fake.httpClient()
                .newCall(new Request.Builder().url(fake.baseUrl() + "/").build())
                .execute()) {
            assertThat(r.protocol()).isEqualTo(Protocol.HTTP_2);
            assertThat(r.handshake()).isNotNull();
        }
        fake.clearRequests();
    }

    /**
     * A client that does not trust the fake's certificate fails at once: one attempt, no wait for a
     * retry, nothing received by the fake, and a message that says the certificate is not trusted
     * and how to trust a private certificate authority.
     *
     * @param call a call of a client built without the fake's {@code httpClient()}, whose sleeper
     *     records into {@code sleeps}
     * @param sleeps the waits the client asked for
     * @param fake the fake
     */
    public static void anUntrustedCertificateIsNotRetried(
            ThrowingCallable call, List<Duration> sleeps, FakeServer<?> fake) {
        fake.clearRequests();
        TransportException e = catchThrowableOfType(TransportException.class, call);
        assertThat(e).as("the call failed").isNotNull();
        assertThat(e.getMessage())
                .contains("TLS certificate is not trusted")
                .contains("after 1 attempt.")
                .contains("private certificate authority")
                .contains("httpClient(...)")
                .doesNotContain("check the base URL and the network");
        assertThat(e.mayHaveReachedServer()).isFalse();
        assertThat(sleeps).as("no retry was waited for").isEmpty();
        assertThat(fake.requests()).isEmpty();
    }
}
