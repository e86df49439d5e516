package io.catalogkit.benchmarks.fleet;

import io.catalogkit.core.AuthenticationException;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.CredentialSource;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One worker process: its own three clients, each on a {@link CredentialSource#fromFile} store
 * (wrapped to count reads), calling its platform without pause on a few threads until its standard
 * input closes; then one {@code RESULT} line per platform.
 */
final class Worker {
    static final String READY = "READY";
    static final String RESULT = "RESULT";

    private Worker() {}

    static int run(Options o) throws Exception {
        Path store = Path.of(o.required("dir")).resolve("store");
        int threads = o.integer("threads", 2);
        long alationUser = Long.parseLong(o.required("alation-user"));
        Duration wait = o.duration("credential-wait", null);
        Map<String, Live> live = new LinkedHashMap<>();
        Fleet.PLATFORMS.forEach(p -> live.put(p, new Live()));

        AtlanClient.Builder atlanB = AtlanClient.builder()
                .baseUrl(o.required("atlan-url"))
                .apiKey(live.get("atlan").counting(CredentialSource.fromFile(store.resolve("atlan"))))
                .listener(live.get("atlan"));
        DataHubClient.Builder dataHubB = DataHubClient.builder()
                .baseUrl(o.required("datahub-url"))
                .token(live.get("datahub").counting(CredentialSource.fromFile(store.resolve("datahub"))))
                .listener(live.get("datahub"));
        AlationClient.Builder alationB = AlationClient.builder()
                .baseUrl(o.required("alation-url"))
                .refreshToken(
                        live.get("alation").counting(CredentialSource.fromFile(store.resolve("alation"))), alationUser)
                .accessTokenSkew(Duration.ofSeconds(1))
                .listener(live.get("alation"));
        if (wait != null) {
            atlanB.credentialWait(wait);
            dataHubB.credentialWait(wait);
            alationB.credentialWait(wait);
        }
        AtomicBoolean stop = new AtomicBoolean();
        try (AtlanClient atlan = atlanB.build();
                DataHubClient dataHub = dataHubB.build();
                AlationClient alation = alationB.build()) {
            OkHttpClient http = new OkHttpClient.Builder()
                    .addInterceptor(alation.authInterceptor())
                    .build();
            String tables = o.required("alation-url") + "/integration/v2/table/?limit=1";
            Map<String, Op> calls = Map.of(
                    "atlan", () -> atlan.apiTokens().list(0, 1),
                    "datahub", () -> dataHub.accessTokens().list(0, 1, Fleet.DATAHUB_WORKER),
                    "alation",
                            () -> {
                                try (Response r = http.newCall(new Request.Builder()
                                                .url(tables)
                                                .build())
                                        .execute()) {
                                    if (!r.isSuccessful()) {
                                        throw new IOException("Alation answered " + r.code());
                                    }
                                }
                            });
            // One call on each platform first, so that the rotator starts on a running fleet.
            for (String p : Fleet.PLATFORMS) {
                live.get(p).call(calls.get(p));
            }
            System.out.println(READY);
            System.out.flush();
            List<Thread> running = new ArrayList<>();
            for (String p : Fleet.PLATFORMS) {
                for (int i = 0; i < threads; i++) {
                    Thread t = new Thread(
                            () -> {
                                while (!stop.get()) {
                                    live.get(p).call(calls.get(p));
                                }
                            },
                            "worker-" + p + "-" + i);
                    t.start();
                    running.add(t);
                }
            }
            // Runs until the fleet closes this process's standard input.
            while (System.in.read() >= 0) {
                // nothing is sent on it
            }
            stop.set(true);
            for (Thread t : running) {
                t.join();
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        boolean failed = false;
        for (String p : Fleet.PLATFORMS) {
            Tally t = live.get(p).snapshot();
            failed |= t.failed > 0;
            System.out.println(RESULT + " " + p + " " + t.format());
        }
        return failed ? 1 : 0;
    }

    /** One operation that needs the platform's credential. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /** One platform's counters in this worker, fed by the client's listener and the call loop. */
    static final class Live implements CallListener {
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong authFailed = new AtomicLong();
        private final AtomicLong resolved = new AtomicLong();
        private final AtomicLong stale = new AtomicLong();
        private final AtomicLong reads = new AtomicLong();
        private final AtomicLong mints = new AtomicLong();
        private final AtomicLong slowest = new AtomicLong();
        private final AtomicLong shown = new AtomicLong();

        CredentialSource counting(CredentialSource source) {
            return () -> {
                reads.incrementAndGet();
                return source.get();
            };
        }

        void call(Op call) {
            long start = System.nanoTime();
            try {
                call.run();
            } catch (Exception e) {
                failed.incrementAndGet();
                if (e instanceof AuthenticationException || e.getCause() instanceof AuthenticationException) {
                    authFailed.incrementAndGet();
                }
                if (shown.incrementAndGet() <= 3) {
                    // catalogkit's messages name the store, never a value
                    System.err.println("call failed: " + e);
                }
            } finally {
                calls.incrementAndGet();
                slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            }
        }

        @Override
        public void credentialReread(String platform, boolean changed) {
            (changed ? resolved : stale).incrementAndGet();
        }

        @Override
        public void tokenMinted(String platform, String kind, Optional<Instant> expiresAt) {
            mints.incrementAndGet();
        }

        Tally snapshot() {
            Tally t = new Tally();
            t.calls = calls.get();
            t.failed = failed.get();
            t.authFailed = authFailed.get();
            t.resolved = resolved.get();
            t.stale = stale.get();
            t.reads = reads.get();
            t.mints = mints.get();
            t.slowestMillis = slowest.get();
            return t;
        }
    }
}
