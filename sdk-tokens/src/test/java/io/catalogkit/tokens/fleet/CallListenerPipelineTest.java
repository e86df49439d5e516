package io.catalogkit.tokens.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the pipeline tells a client's CallListener, over real calls to the fakes. */
class CallListenerPipelineTest {
    final FakeAtlan atlan = new FakeAtlan().start();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CallListener recording = new CallListener() {
        @Override
        public void callStarted(Call call) {
            events.add("start " + call.platform() + " " + call.operation());
        }

        @Override
        public void callEnded(Call call, Result r) {
            events.add("end " + call.operation() + " " + r.outcome() + " " + r.status() + " " + r.attempts() + " "
                    + r.exception());
        }

        @Override
        public void retrying(Call call, String reason, Duration delay) {
            events.add("retry " + call.operation() + " " + reason);
        }

        @Override
        public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
            events.add("mint " + platform + " " + kind + " " + expiresAt.isPresent());
        }
    };

    @AfterEach
    void tearDown() {
        atlan.close();
    }

    AtlanClient client(Secret key, CallListener listener) {
        return AtlanClient.builder()
                .baseUrl(atlan.baseUrl())
                .apiKey(key)
                .sleeper(d -> {})
                .listener(listener)
                .build();
    }

    @Test
    void aSuccessARetryAndAFailureAreEachOneOperation() {
        Secret key = atlan.addApiToken("admin").secret();
        try (AtlanClient c = client(key, recording)) {
            c.apiTokens().list(0, 5);
            atlan.failNext(1, Fault.status(503));
            c.apiTokens().list(0, 5);
            atlan.failNext(3, Fault.status(503));
            assertThatThrownBy(() -> c.apiTokens().list(0, 5)).isInstanceOf(io.catalogkit.core.ServerException.class);
        }
        assertThat(events)
                .containsExactly(
                        "start atlan list_api_tokens",
                        "end list_api_tokens SUCCESS 200 1 none",
                        "start atlan list_api_tokens",
                        "retry list_api_tokens 503",
                        "end list_api_tokens SUCCESS 200 2 none",
                        "start atlan list_api_tokens",
                        "retry list_api_tokens 503",
                        "retry list_api_tokens 503",
                        "end list_api_tokens SERVER_ERROR 503 3 ServerException");
    }

    @Test
    void aRefusedKeyAndNoAnswerAreReportedWithTheirStatus() {
        try (AtlanClient c = client(Secret.of("not-a-key-0001"), recording)) {
            assertThatThrownBy(() -> c.apiTokens().list(0, 5)).isInstanceOf(AuthenticationException.class);
        }
        atlan.close();
        try (AtlanClient c = client(Secret.of("not-a-key-0001"), recording)) {
            assertThatThrownBy(() -> c.apiTokens().list(0, 5)).isInstanceOf(TransportException.class);
        }
        assertThat(events)
                .contains("end list_api_tokens CLIENT_ERROR 401 1 AuthenticationException")
                .contains("end list_api_tokens UNKNOWN IO_ERROR 3 TransportException");
    }

    @Test
    void aListenerThatThrowsNeverBreaksACall() {
        Secret key = atlan.addApiToken("admin").secret();
        CallListener throwing = new CallListener() {
            @Override
            public void callStarted(Call call) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void callEnded(Call call, Result result) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (AtlanClient c = client(key, throwing)) {
            assertThat(c.apiTokens().list(0, 5).getItems()).hasSize(1);
            assertThat(c.apiTokens().list(0, 5).getItems()).hasSize(1);
        }
    }

    @Test
    void oneAlationMintServesManyCalls() {
        try (FakeAlation alation = new FakeAlation().start()) {
            long user = alation.addUser("jdoe", "pw-0001").id();
            Secret refresh = alation.addRefreshToken(user, "ci").secret();
            try (AlationClient c = AlationClient.builder()
                    .baseUrl(alation.baseUrl())
                    .refreshToken(refresh, user)
                    .listener(recording)
                    .build()) {
                for (int i = 0; i < 5; i++) {
                    c.currentAccessToken();
                }
            }
        }
        assertThat(events.stream().filter(e -> e.startsWith("mint"))).containsExactly("mint alation access-token true");
        assertThat(events).contains("end create_api_access_token SUCCESS 201 1 none");
    }
}
