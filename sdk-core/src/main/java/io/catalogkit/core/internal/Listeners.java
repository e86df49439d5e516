package io.catalogkit.core.internal;

import io.catalogkit.core.CallListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link CallListener}, guarded: a listener that throws never breaks a call; the first
 * failure is logged at WARN with its type only (its message might quote what the listener saw), the
 * later ones are dropped. Also turns the platforms' operation texts into the fixed metric names.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.listener");

    private Listeners() {}

    /**
     * The guarded form of a listener, or null when there is none.
     *
     * @param listener the caller's listener, may be null
     * @return a listener that never throws, or null
     */
    public static CallListener guard(CallListener listener) {
        return listener == null ? null : new Guarded(listener);
    }

    /**
     * The listener's platform name: the platform's display name in lower case.
     *
     * @param platform e.g. {@code "Atlan"}
     * @return e.g. {@code "atlan"}
     */
    public static String platform(String platform) {
        return platform.toLowerCase(Locale.ROOT);
    }

    /**
     * The fixed metric name of an operation text: lower case, each run of other characters one
     * {@code _}. The texts are constants of the platform code, so the names are bounded.
     *
     * @param operation e.g. {@code "create API token"}
     * @return e.g. {@code "create_api_token"}
     */
    public static String operation(String operation) {
        StringBuilder b = new StringBuilder(operation.length());
        boolean gap = false;
        for (int i = 0; i < operation.length(); i++) {
            char c = Character.toLowerCase(operation.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && b.length() > 0) {
                    b.append('_');
                }
                b.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return b.toString();
    }

    private static final class Guarded implements CallListener {
        private final CallListener delegate;
        private final AtomicBoolean warned = new AtomicBoolean();

        Guarded(CallListener delegate) {
            this.delegate = delegate;
        }

        private void failed(String event, RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn(
                        "catalogkit: the CallListener {} threw {} in {}; the call goes on (further failures of"
                                + " this listener are not logged)",
                        delegate.getClass().getName(),
                        e.getClass().getName(),
                        event);
            }
        }

        @Override
        public void callStarted(Call call) {
            try {
                delegate.callStarted(call);
            } catch (RuntimeException e) {
                failed("callStarted", e);
            }
        }

        @Override
        public void callEnded(Call call, Result result) {
            try {
                delegate.callEnded(call, result);
            } catch (RuntimeException e) {
                failed("callEnded", e);
            }
        }

        @Override
        public void retrying(Call call, String reason, Duration delay) {
            try {
                delegate.retrying(call, reason, delay);
            } catch (RuntimeException e) {
                failed("retrying", e);
            }
        }

        @Override
        public void credentialReread(String platform, boolean changed) {
            try {
                delegate.credentialReread(platform, changed);
            } catch (RuntimeException e) {
                failed("credentialReread", e);
            }
        }

        @Override
        public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
            try {
                delegate.tokenMinted(platform, kind, expiresAt);
            } catch (RuntimeException e) {
                failed("tokenMinted", e);
            }
        }
    }
}
