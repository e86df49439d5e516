package io.catalogkit.tokens.alation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.PermissionDeniedException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.TransportException;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.FaultOn;
import io.catalogkit.tokens.RecordingSink;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.TokenStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating an Alation refresh token against the fake: every path, and a failure at each step. */
class RefreshTokenRotationFakeTest {
    final AlationFixture fx = new AlationFixture();
    final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        fx.close();
    }

    AlationClient holding(Secret refreshToken, OkHttpClient http) {
        AlationClient.Builder b = fx.builder().refreshToken(refreshToken, fx.userId);
        if (http != null) {
            b.httpClient(http);
            closeLater.add(FaultOn.closer(http));
        }
        AlationClient c = b.build();
        closeLater.add(c);
        return c;
    }

    @Test
    void theRotatingClientSwitchesItselfAndOthersFollowTheirStore(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("refresh-token");
        Files.writeString(store, fx.refreshToken.reveal() + "\n");
        AlationClient fromStore = fx.builder()
                .refreshToken(CredentialSource.fromFile(store), fx.userId)
                .build();
        closeLater.add(fromStore);
        AlationClient fixed = holding(fx.refreshToken, null); // no store: nothing tells it of the rotation
        Secret storeAccess = fromStore.currentAccessToken();
        fixed.currentAccessToken();
        Secret elsewhere = fx.alation.addRefreshToken(fx.userId, "another job").secret();
        AlationClient unrelated = holding(elsewhere, null);

        Rotation<RefreshToken> r =
                fx.client.refreshTokens().rotate(fx.refreshToken, fx.userId, SecretSink.toFile(store));

        Secret fresh = r.getReplacement().getSecret().orElseThrow();
        assertThat(r.isOldRevoked()).isTrue();
        assertThat(r.getOld().getName()).isEqualTo("catalogkit-ci");
        assertThat(r.getOld().getStatus()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(r.getOld().getSecret()).isEmpty();
        assertThat(Files.readString(store)).isEqualTo(fresh.reveal());
        assertThat(fx.alation.refreshTokenStatus(fx.refreshToken)).isNotEqualTo(java.util.Optional.of("ACTIVE"));
        assertThat(fx.alation.refreshTokenStatus(fresh)).contains("ACTIVE");
        assertThat(r.getSteps())
                .anyMatch(s -> s.startsWith("this client held the old value and now holds the new one"))
                .allSatisfy(s -> assertThat(s).doesNotContain(fresh.reveal()).doesNotContain(fx.refreshToken.reveal()));

        // Every access token expires: the next mint of each client shows which refresh token it holds.
        fx.clock.advance(Duration.ofDays(2));
        int mints = fx.alation.mintCount();
        assertThat(fx.client.currentAccessToken()).isNotNull(); // switched by its own rotation
        assertThat(fromStore.currentAccessToken()).isNotEqualTo(storeAccess); // refused once, read the store
        assertThat(fx.alation.mintCount()).isEqualTo(mints + 2);
        assertThat(unrelated.currentAccessToken()).isNotNull();
        assertThatThrownBy(fixed::currentAccessToken)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(fresh.reveal())
                .hasMessageNotContaining(fx.refreshToken.reveal());
    }

    @Test
    void anInvalidOldTokenChangesNothing() {
        fx.alation.revokeRefreshToken(fx.refreshToken);
        assertThatThrownBy(() -> fx.client.refreshTokens().rotate(fx.refreshToken, fx.userId, RecordingSink.storing()))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasCauseInstanceOf(AuthenticationException.class)
                .hasMessageContaining("validating the old refresh token failed, so nothing was changed");
        assertThat(fx.alation.requests(FakeAlation.REGENERATE_REFRESH_TOKEN)).isEmpty();
    }

    @Test
    void aRefusedRegenerationChangesNothing() {
        AlationClient client = holding(fx.refreshToken, FaultOn.client(fx.alation, 2, Fault.status(403)));
        assertThatThrownBy(() -> client.refreshTokens().rotate(fx.refreshToken, fx.userId, RecordingSink.storing()))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isTrue())
                .hasCauseInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("regenerating the refresh token 'catalogkit-ci' of user " + fx.userId
                        + " failed, so nothing was changed");
        assertThat(fx.alation.refreshTokenStatus(fx.refreshToken)).contains("ACTIVE");
    }

    @Test
    void aRegenerationWithoutAClearAnswerSaysWhatToCheck() {
        AlationClient client = holding(
                fx.refreshToken,
                FaultOn.client(fx.alation, 2, Fault.disconnect().afterHandling()));
        assertThatThrownBy(() -> client.refreshTokens().rotate(fx.refreshToken, fx.userId, RecordingSink.storing()))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.isOldUntouched()).isFalse();
                    assertThat(e.getValidSecret()).isEmpty();
                })
                .hasCauseInstanceOf(TransportException.class)
                .hasMessageContaining("may have regenerated it")
                .hasMessageContaining("Validate the old value");
    }

    @Test
    void aServerErrorOnRegenerationIsTreatedAsUnclear() {
        AlationClient client = holding(fx.refreshToken, FaultOn.client(fx.alation, 2, Fault.status(500)));
        assertThatThrownBy(() -> client.refreshTokens().rotate(fx.refreshToken, fx.userId, RecordingSink.storing()))
                .isInstanceOfSatisfying(
                        RotationException.class,
                        e -> assertThat(e.isOldUntouched()).isFalse())
                .hasCauseInstanceOf(ServerException.class)
                .hasMessageContaining("may have regenerated it");
    }

    @Test
    void aSinkThatFailsGetsTheOnlyValidSecretBackInTheException() {
        RecordingSink sink = RecordingSink.failingAfter(() -> {});

        RotationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                RotationException.class, () -> fx.client.refreshTokens().rotate(fx.refreshToken, fx.userId, sink));

        Secret fresh = e.getValidSecret().orElseThrow();
        assertThat(e.isOldUntouched()).isFalse();
        assertThat(fx.alation.refreshTokenStatus(fresh)).contains("ACTIVE");
        assertThat(fx.alation.refreshTokenStatus(fx.refreshToken)).isNotEqualTo(java.util.Optional.of("ACTIVE"));
        assertThat(e.getMessage())
                .contains("the sink did not store the new value of the refresh token 'catalogkit-ci'")
                .contains("The old value no longer works; the new value is the only valid one, held by this client and"
                        + " this exception (getValidSecret())")
                .contains("vault unreachable while writing Secret[redacted]")
                .doesNotContain(fresh.reveal());
        assertThat(e.toString()).doesNotContain(fresh.reveal());
        assertThat(e.getCause().getMessage()).doesNotContain(fresh.reveal());
        // the client was switched before the sink was asked, so it keeps working
        assertThat(fx.client.currentAccessToken()).isNotNull();
    }
}
