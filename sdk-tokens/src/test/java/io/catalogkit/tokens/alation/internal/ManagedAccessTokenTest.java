package io.catalogkit.tokens.alation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.TokenStatus;
import io.catalogkit.tokens.alation.AccessTokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Single-flight and renewal rules of the managed token, with a scripted mint. */
class ManagedAccessTokenTest {
    final FakeClock clock = new FakeClock(Instant.parse("2025-03-04T09:00:00Z"));
    final RefreshCredential credential = new RefreshCredential(Secret.of("rt-own"), 17);

    /** A service that can only mint: the managed token never calls anything else. */
    abstract static class MintOnly implements AccessTokenService {
        @Override
        public AccessToken validate(Secret accessToken, long userId) {
            throw new UnsupportedOperationException("the managed token never validates");
        }

        @Override
        public void revokeAll(Secret refreshToken, long userId) {
            throw new UnsupportedOperationException();
        }
    }

    /** Mints "at-1", "at-2", ... living {@code lifetime}; can hold every mint until released. */
    final class ScriptedMint extends MintOnly {
        final AtomicInteger calls = new AtomicInteger();
        volatile Duration lifetime = Duration.ofHours(24);
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile RuntimeException failure;
        final List<Secret> refreshTokensUsed = new ArrayList<>();

        @Override
        public AccessToken create(Secret refreshToken, long userId) {
            int n = calls.incrementAndGet();
            synchronized (refreshTokensUsed) {
                refreshTokensUsed.add(refreshToken);
            }
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure != null) {
                throw failure;
            }
            Instant now = clock.instant();
            return AccessToken.builder()
                    .secret(Secret.of("at-" + n))
                    .owner(String.valueOf(userId))
                    .createdAt(now)
                    .expiresAt(now.plus(lifetime))
                    .status(TokenStatus.ACTIVE)
                    .build();
        }
    }

    final ScriptedMint mint = new ScriptedMint();
    final ManagedAccessToken token = new ManagedAccessToken(mint, credential, clock, Duration.ofMinutes(5));

    /**
     * Starts 256 threads on {@code task} while the mint is held, waits until every one of them is
     * parked (in the mint or waiting for it), then releases the mint.
     */
    <T> List<Object> pileUp(Supplier<T> task) throws InterruptedException {
        mint.hold = new CountDownLatch(1);
        List<Object> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Object[] out = new Object[256];
        for (int i = 0; i < 256; i++) {
            int slot = i;
            threads.add(new Thread(() -> {
                try {
                    out[slot] = task.get();
                } catch (RuntimeException e) {
                    out[slot] = e;
                }
            }));
        }
        threads.forEach(Thread::start);
        // A thread that finished without waiting fails the assertions afterwards instead of hanging here.
        while (!threads.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED)) {
            Thread.onSpinWait();
        }
        mint.hold.countDown();
        for (Thread t : threads) {
            t.join();
        }
        for (Object o : out) {
            results.add(o);
        }
        return results;
    }

    @Test
    void twoHundredFiftySixThreadsOnAnExpiredTokenShareOneMint() throws InterruptedException {
        Secret first = token.get();
        clock.advance(Duration.ofHours(24));
        List<Object> results = pileUp(token::get);
        assertThat(mint.calls.get()).isEqualTo(2);
        assertThat(Set.copyOf(results)).containsExactly(Secret.of("at-2")).doesNotContain(first);
    }

    @Test
    void twoHundredFiftySixThreadsOnAFirstUseShareOneMint() throws InterruptedException {
        List<Object> results = pileUp(token::get);
        assertThat(mint.calls.get()).isEqualTo(1);
        assertThat(Set.copyOf(results)).containsExactly(Secret.of("at-1"));
    }

    @Test
    void aFailedMintIsSharedToo() throws InterruptedException {
        AuthenticationException refused = new AuthenticationException(
                "Alation create API access token failed: refused", 401, null, "401000", "POST", "/x");
        mint.failure = refused;
        List<Object> results = pileUp(token::get);
        assertThat(mint.calls.get()).isEqualTo(1);
        assertThat(Set.copyOf(results)).containsExactly(refused);
        mint.failure = null;
        assertThat(token.get()).as("the next caller tries again").isEqualTo(Secret.of("at-2"));
    }

    @Test
    void rejectedTokenIsRenewedOnceForAllThreads() throws InterruptedException {
        Secret rejected = token.get();
        List<Object> results = pileUp(() -> token.renewAfterRejection(rejected));
        assertThat(mint.calls.get()).isEqualTo(2);
        assertThat(Set.copyOf(results)).containsExactly(Secret.of("at-2"));
    }

    @Test
    void aTokenAlreadyReplacedIsReturnedWithoutAMint() {
        Secret old = token.get();
        Secret replaced = token.renewAfterRejection(old);
        assertThat(replaced).isEqualTo(Secret.of("at-2"));
        assertThat(token.renewAfterRejection(old)).isEqualTo(replaced);
        assertThat(mint.calls.get()).isEqualTo(2);
        assertThat(token.renewAfterRejection(replaced)).isEqualTo(Secret.of("at-3"));
    }

    @Test
    void renewalFollowsTheSkewOrHalfTheLifetime() {
        Secret first = token.get();
        clock.advance(Duration.ofHours(23).plusMinutes(55).minusNanos(1));
        assertThat(token.get()).isEqualTo(first);
        clock.advance(Duration.ofNanos(1));
        assertThat(token.get()).isNotEqualTo(first);

        mint.lifetime = Duration.ofMinutes(2);
        clock.advance(Duration.ofDays(1));
        Secret shortLived = token.get();
        clock.advance(Duration.ofSeconds(59));
        assertThat(token.get()).isEqualTo(shortLived);
        clock.advance(Duration.ofSeconds(1));
        assertThat(token.get()).isNotEqualTo(shortLived);
    }

    @Test
    void aTokenExpiredAtBirthHasAnUnknownExpiryAndIsNotMintedAgainOnEveryCall() {
        // Believing an expiry not after creation would mint on every call: 50 calls, 50 tokens.
        for (Duration lifetime : new Duration[] {Duration.ofSeconds(-5), Duration.ZERO}) {
            mint.lifetime = lifetime;
            token.refreshTokenRegenerated(Secret.of("rt-own"), 17, Secret.of("rt-own"));
            Secret first = token.get();
            for (int i = 0; i < 50; i++) {
                assertThat(token.get()).isEqualTo(first);
            }
        }
        assertThat(token.get()).isEqualTo(Secret.of("at-2"));
        assertThat(mint.calls.get()).isEqualTo(2);
    }

    @Test
    void regeneratingTheOwnRefreshTokenSwitchesAndDropsTheCachedToken() {
        token.get();
        token.refreshTokenRegenerated(Secret.of("rt-someone-else"), 17, Secret.of("rt-x"));
        token.refreshTokenRegenerated(Secret.of("rt-own"), 18, Secret.of("rt-x"));
        assertThat(token.get()).isEqualTo(Secret.of("at-1"));
        token.refreshTokenRegenerated(Secret.of("rt-own"), 17, Secret.of("rt-new"));
        assertThat(credential.secret()).isEqualTo(Secret.of("rt-new"));
        assertThat(token.get()).isEqualTo(Secret.of("at-2"));
        assertThat(mint.refreshTokensUsed).containsExactly(Secret.of("rt-own"), Secret.of("rt-new"));
    }

    /**
     * A mint under way when the refresh token is regenerated: it was sent with the old value, so
     * the token it brings back belongs to a dead refresh token and must be neither kept nor handed
     * out.
     */
    @Test
    void aMintThatRacesWithARegenerationNeverHandsOutTheDeadTokensAccessToken() throws Exception {
        CountDownLatch inMint = new CountDownLatch(1);
        CountDownLatch regenerated = new CountDownLatch(1);
        AccessTokenService racing = new MintOnly() {
            final AtomicInteger calls = new AtomicInteger();

            @Override
            public AccessToken create(Secret refreshToken, long userId) {
                AccessToken t = mint.create(refreshToken, userId);
                if (calls.incrementAndGet() == 1) {
                    inMint.countDown();
                    try {
                        regenerated.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return t;
            }
        };
        ManagedAccessToken managed = new ManagedAccessToken(racing, credential, clock, Duration.ofMinutes(5));
        java.util.concurrent.CompletableFuture<Secret> caller =
                java.util.concurrent.CompletableFuture.supplyAsync(managed::get);
        inMint.await();
        managed.refreshTokenRegenerated(Secret.of("rt-own"), 17, Secret.of("rt-new"));
        regenerated.countDown();

        assertThat(caller.get()).as("minted from rt-own, which died").isNotEqualTo(Secret.of("at-1"));
        assertThat(caller.get()).isEqualTo(Secret.of("at-2"));
        assertThat(managed.get()).isEqualTo(Secret.of("at-2"));
        assertThat(mint.refreshTokensUsed).containsExactly(Secret.of("rt-own"), Secret.of("rt-new"));
    }

    @Test
    void aMintThatKeepsLosingToRegenerationsGivesUp() {
        AccessTokenService regenerating = new MintOnly() {
            int n;

            @Override
            public AccessToken create(Secret refreshToken, long userId) {
                AccessToken t = mint.create(refreshToken, userId);
                credential.replace(refreshToken, userId, Secret.of("rt-" + (++n)));
                return t;
            }
        };
        ManagedAccessToken managed = new ManagedAccessToken(regenerating, credential, clock, Duration.ofMinutes(5));
        assertThatThrownBy(managed::get)
                .isInstanceOf(io.catalogkit.core.CatalogKitException.class)
                .hasMessageContaining("regenerated");
        assertThat(mint.calls.get()).isEqualTo(3);
    }

    @Test
    void argumentsAreRequired() {
        assertThatThrownBy(() -> new ManagedAccessToken(null, credential, clock, Duration.ZERO))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RefreshCredential((Secret) null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void endpointPathsAreRecognisedUnderAnyBasePath() {
        assertThat(AlationApi.isTokenEndpoint(List.of("integration", "v1", "createAPIAccessToken", "")))
                .isTrue();
        assertThat(AlationApi.isTokenEndpoint(List.of("alation", "integration", "v1", "validateRefreshToken")))
                .isTrue();
        assertThat(AlationApi.isTokenEndpoint(List.of("integration", "v2", "table", "")))
                .isFalse();
        assertThat(AlationApi.isTokenEndpoint(List.of("createAPIAccessToken", "")))
                .isFalse();
        assertThat(AlationApi.isTokenEndpoint(List.of("v2", "v1", "createAPIAccessToken")))
                .isFalse();
        assertThat(AlationApi.isTokenEndpoint(List.of(""))).isFalse();
        assertThat(AlationApi.isTokenEndpoint(List.of("oauth", "v2", "token", "")))
                .isTrue();
        assertThat(AlationApi.isTokenEndpoint(List.of("alation", "oauth", "v2", "introspect")))
                .isTrue();
        assertThat(AlationApi.isTokenEndpoint(List.of("oauth", "v1", "token", "")))
                .isFalse();
        assertThat(AlationApi.isTokenEndpoint(List.of("integration", "v1", "revokeAPIAccessTokens", "x")))
                .isFalse();
    }
}
