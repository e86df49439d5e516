package io.catalogkit.tokens.alation.internal;

import io.catalogkit.core.CallListener;
import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.alation.AccessTokenService;
import io.catalogkit.tokens.alation.internal.TokenMinter.Minted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token a client keeps for its credential (an API access token for its refresh token,
 * or a JWT for its OAuth client, minted by a {@link TokenMinter}): minted on first use, cached
 * with the expiry the server reports, minted again when less than the skew remains (the configured skew, or
 * half the token's lifetime if that is shorter), and after the server rejected the token in use.
 * It never validates a token before use. Thread-safe.
 *
 * <p>Single-flight: callers that find the token stale or rejected at the same time share one mint
 * (and its failure); a caller whose token has already been replaced gets the new one without a
 * mint.
 *
 * <p>A mint reads the credential and its generation together; a token minted from a refresh token
 * that was regenerated while the mint was under way is thrown away and minted again from the new value,
 * so that no caller is ever handed a token of a dead refresh token.
 *
 * <p>The lifetime is the server's ({@code token_expires_at - created_at}), counted on the client's
 * clock from the moment the mint was sent. A clock difference between the hosts therefore neither
 * keeps a dead token nor makes every call mint.
 */
public final class ManagedAccessToken {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.alation");

    private final TokenMinter minter;
    /** The refresh token minted from, or null for an OAuth client. */
    private final RefreshCredential credential;

    private final Clock clock;
    private final Duration skew;
    private final CallListener listener;
    /** How long one mint may wait for a refused credential's store to change, unless said. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    private final Object lock = new Object();
    private volatile Cached current;
    /** The mint under way, shared by every caller that needs it; guarded by {@link #lock}. */
    private CompletableFuture<Cached> inFlight;

    /**
     * Creates the managed token of a refresh token; nothing is minted until first use.
     *
     * @param service mints tokens
     * @param credential the refresh token to mint from
     * @param clock the client's clock
     * @param skew how long before expiry to mint the next token
     */
    public ManagedAccessToken(AccessTokenService service, RefreshCredential credential, Clock clock, Duration skew) {
        this(service, credential, clock, skew, DEFAULT_BUDGET, null);
    }

    /**
     * Creates the managed token of a refresh token, telling a listener of each mint; nothing is
     * minted until first use.
     *
     * @param service mints tokens
     * @param credential the refresh token to mint from
     * @param clock the client's clock
     * @param skew how long before expiry to mint the next token
     * @param budget how long one mint may wait for a refused refresh token's store to change
     * @param listener told of each mint, or null
     */
    public ManagedAccessToken(
            AccessTokenService service,
            RefreshCredential credential,
            Clock clock,
            Duration skew,
            Duration budget,
            CallListener listener) {
        this(new RefreshMinter(service, credential, budget), credential, clock, skew, listener);
    }

    /**
     * Creates a managed token minted by any minter whose credential never changes (an OAuth
     * client); nothing is minted until first use.
     *
     * @param minter mints tokens
     * @param clock the client's clock
     * @param skew how long before expiry to mint the next token
     */
    public ManagedAccessToken(TokenMinter minter, Clock clock, Duration skew, CallListener listener) {
        this(minter, null, clock, skew, listener);
    }

    private ManagedAccessToken(
            TokenMinter minter, RefreshCredential credential, Clock clock, Duration skew, CallListener listener) {
        this.listener = listener;
        this.minter = Objects.requireNonNull(minter, "minter");
        this.credential = credential;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    /**
     * The refresh token this token is minted from.
     *
     * @return the credential, or null when the token is minted from an OAuth client
     */
    public RefreshCredential credential() {
        return credential;
    }

    /**
     * The current token, minted first when there is none or it is about to expire.
     *
     * @return the token value
     * @throws CatalogKitException when a needed mint failed
     */
    public Secret get() {
        Cached c = current;
        if (c != null && c.fresh(clock.instant())) {
            return c.value;
        }
        return mint(c, c == null ? "first use" : "expiry near").value;
    }

    /**
     * The cached token, without minting: for the redaction of messages.
     *
     * @return the value, or null when none is cached
     */
    public Secret peek() {
        Cached c = current;
        return c == null ? null : c.value;
    }

    /**
     * A token to replace one the server rejected: the current one if another caller has replaced
     * it already, else a newly minted one.
     *
     * @param rejected the token value the server rejected
     * @return the token value to try next
     * @throws CatalogKitException when the mint failed
     */
    public Secret renewAfterRejection(Secret rejected) {
        Cached c = current;
        if (c != null && !c.value.equals(rejected) && c.fresh(clock.instant())) {
            return c.value;
        }
        return mint(c, "rejected by the server").value;
    }

    /**
     * Switches to a regenerated refresh token, when it was this one, and drops the cached access
     * token, which was minted from the old value.
     *
     * @param old the regenerated value
     * @param userId its user id
     * @param fresh the new value
     */
    public void refreshTokenRegenerated(Secret old, long userId, Secret fresh) {
        if (credential != null && credential.replace(old, userId, fresh)) {
            synchronized (lock) {
                current = null;
            }
            LOG.debug("Alation: the client's refresh token was regenerated; the next call mints a new access token");
        }
    }

    private Cached mint(Cached observed, String reason) {
        CompletableFuture<Cached> shared;
        boolean leader = false;
        synchronized (lock) {
            Cached c = current;
            if (c != null && c != observed && c.fresh(clock.instant())) {
                return c;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            shared = inFlight;
        }
        if (leader) {
            try {
                Cached fresh = mintCurrent(reason);
                shared.complete(fresh);
            } catch (Throwable e) {
                shared.completeExceptionally(e);
            } finally {
                synchronized (lock) {
                    if (inFlight == shared) {
                        inFlight = null;
                    }
                }
            }
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new CatalogKitException("Alation: minting an access token failed", cause);
        }
    }

    /** How long a token whose answer gave no usable expiry is kept (the contract's shortest default). */
    static final Duration UNKNOWN_LIFETIME = Duration.ofHours(1);

    /** How often a mint may find its refresh token regenerated under it before it gives up. */
    private static final int MAX_MINTS = 3;

    /**
     * Mints from the current credential and stores the result, unless that credential was
     * regenerated meanwhile: then the token is discarded and minted again from the new one.
     */
    private Cached mintCurrent(String reason) {
        for (int mint = 1; ; mint++) {
            Instant sent = clock.instant();
            Minted minted = minter.mint();
            if (listener != null) {
                listener.tokenMinted("alation", minter.kind(), minted.token().getExpiresAt());
            }
            Cached fresh = Cached.of(minted.token(), sent, skew);
            synchronized (lock) {
                // refreshTokenRegenerated switches the credential before it clears the cache under
                // this lock, so a regeneration is either seen here or clears what is stored here.
                if (minter.generation() == minted.generation()) {
                    current = fresh;
                    LOG.debug(
                            "Alation: minted {} ({}); valid until {}, renewed from {}",
                            minter.subject(),
                            reason,
                            fresh.expiresAt,
                            fresh.renewAt);
                    return fresh;
                }
            }
            LOG.debug("Alation: the refresh token was regenerated while an access token was minted from it;"
                    + " discarded that token");
            if (mint == MAX_MINTS) {
                throw new CatalogKitException("Alation: the client's refresh token was regenerated " + MAX_MINTS
                        + " times while an API access token was minted from it; try again");
            }
        }
    }

    /** A minted token and when, on the client's clock, it expires and should be replaced. */
    private static final class Cached {
        final Secret value;
        final Instant expiresAt;
        final Instant renewAt;

        private Cached(Secret value, Instant expiresAt, Instant renewAt) {
            this.value = value;
            this.expiresAt = expiresAt;
            this.renewAt = renewAt;
        }

        static Cached of(AccessToken token, Instant sent, Duration configuredSkew) {
            Secret value = token.getSecret().orElseThrow();
            Instant serverCreated = token.getCreatedAt().orElse(sent);
            Instant serverExpires = token.getExpiresAt().orElseThrow();
            Duration lifetime = Duration.between(serverCreated, serverExpires);
            if (lifetime.isNegative() || lifetime.isZero()) {
                // An expiry not after creation is unknown, not "expired now": believing it would mint
                // on every call. Keep the token until the server rejects it or the fallback ends.
                LOG.warn(
                        "Alation create API access token: the answer's token_expires_at is not after its"
                                + " created_at; the expiry is treated as unknown and the token is kept for up to {}"
                                + " or until the server rejects it",
                        UNKNOWN_LIFETIME);
                lifetime = UNKNOWN_LIFETIME;
            }
            Duration half = lifetime.dividedBy(2);
            Duration skew = configuredSkew.compareTo(half) < 0 ? configuredSkew : half;
            Instant expires = sent.plus(lifetime);
            return new Cached(value, expires, expires.minus(skew));
        }

        boolean fresh(Instant now) {
            return now.isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "Cached[expiresAt=" + expiresAt + ", renewAt=" + renewAt + "]";
        }
    }
}
