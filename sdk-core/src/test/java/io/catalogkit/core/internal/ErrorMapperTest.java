package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.ConflictException;
import io.catalogkit.core.NotFoundException;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.RateLimitedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The error-mapping stage alone: status to type, cleaned server text, transport failures. */
class ErrorMapperTest {
    final ErrorMapper mapper = new ErrorMapper("Test");
    final Secret sent = Secret.of("sent-credential-123");

    static ApiRequest create() {
        return ApiRequest.builder("create thing", "POST")
                .ambiguousFailureHint("Look it up first.")
                .build();
    }

    ApiException map(int status) {
        return mapper.toException(
                create(), "/things", ErrorReport.of(status, "E-1", "said " + sent.reveal() + "\nmore"), List.of(sent));
    }

    @Test
    void theStatusPicksTheType() {
        assertThat(map(401)).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(map(403)).isExactlyInstanceOf(PermissionDeniedException.class);
        assertThat(map(404)).isExactlyInstanceOf(NotFoundException.class);
        assertThat(map(409)).isExactlyInstanceOf(ConflictException.class);
        assertThat(map(429)).isExactlyInstanceOf(RateLimitedException.class);
        assertThat(map(503)).isExactlyInstanceOf(ServerException.class);
        assertThat(map(400)).isExactlyInstanceOf(ApiException.class);
        assertThat(map(302).getMessage()).contains("redirects");
    }

    @Test
    void serverTextIsCleanedOfSecretsAndLineBreaks() {
        ApiException e = map(400);
        assertThat(e.getMessage())
                .startsWith("Test create thing failed: POST /things answered 400: said [redacted]\\nmore (code E-1).")
                .doesNotContain("\n")
                .doesNotContain(sent.reveal());
        assertThat(e.errorCode()).contains("E-1");
    }

    @Test
    void theDelayAServerAskedForIsKept() {
        RateLimitedException e = (RateLimitedException) mapper.toException(
                create(), "/t", new ErrorReport(429, null, null, "r-1", Duration.ofSeconds(9)), List.of());
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(9));
        assertThat(e.getMessage()).contains("wait 9 s").contains("[request id r-1]");
    }

    @Test
    void transportFailuresSayWhetherTheServerMayHaveActed() {
        TransportException never = mapper.transportFailure(create(), "/t", new ConnectException("refused"), false, 3);
        assertThat(never.mayHaveReachedServer()).isFalse();
        assertThat(never.getMessage())
                .contains("failed (ConnectException) after 3 attempts")
                .contains("never reached");

        TransportException maybe = mapper.transportFailure(create(), "/t", new IOException("reset"), true, 1);
        assertThat(maybe.mayHaveReachedServer()).isTrue();
        assertThat(maybe.getMessage())
                .contains("after 1 attempt.")
                .contains("not repeated")
                .contains("Look it up");

        assertThat(mapper.transportFailure(create(), "/t", new InterruptedIOException("timeout"), true, 1)
                        .getMessage())
                .contains("timed out");
        assertThat(mapper.transportFailure(create(), "/t", null, false, 2).getMessage())
                .contains("timed out after 2 attempts");
        assertThat(mapper.transportFailure(create(), "/t", new FollowUpGuard.FollowUpRefused(), true, 1)
                        .getMessage())
                .contains("OkHttp tried to send a follow-up request");
    }

    @Test
    void anUntrustedCertificateSaysSoAndHowToTrustAPrivateAuthority() {
        TransportException e = mapper.transportFailure(create(), "/t", RetryPolicyTest.untrusted(), false, 1);
        assertThat(e.mayHaveReachedServer()).isFalse();
        assertThat(e.getMessage())
                .contains("the server's TLS certificate is not trusted")
                .contains("after 1 attempt.")
                .contains("private certificate authority")
                .contains("httpClient(...)")
                .contains("X509TrustManager")
                .doesNotContain("never reached the server");
        assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThat(mapper.transportFailure(create(), "/t", new javax.net.ssl.SSLHandshakeException("x"), false, 1)
                        .getMessage())
                .contains("never reached the server");
    }

    @Test
    void aMalformedAnswerNamesWhatWasExpectedAndHtml() {
        assertThat(mapper.malformed(create(), "/t", 200, "text/html", "a JSON body")
                        .getMessage())
                .contains("answered 200 with content type text/html, but catalogkit expected a JSON body")
                .contains("login page");
        assertThat(mapper.malformed(create(), "/t", 200, null, "x").getMessage())
                .contains("(none)");
    }
}
