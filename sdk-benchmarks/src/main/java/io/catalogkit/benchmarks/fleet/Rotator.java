package io.catalogkit.benchmarks.fleet;

import io.catalogkit.core.CredentialSource;
import io.catalogkit.core.Secret;
import io.catalogkit.tokens.AccessToken;
import io.catalogkit.tokens.ApiToken;
import io.catalogkit.tokens.RefreshToken;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.SecretSink;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rotator process: rotates each platform's worker credential {@code --rotations} times, the
 * first after {@code --warmup}, each next one {@code --interval} after the previous one ended (a
 * grace included), the three platforms side by side, each new value
 * stored with {@link SecretSink#toFile} (into the workers' store, or a staging file that reaches
 * it later); then a {@code ROTATIONS} line.
 */
final class Rotator {
    static final String ROTATIONS = "ROTATIONS";

    private Rotator() {}

    /** One rotation of one platform: returns what the next one needs (a GUID, an id, a value). */
    @FunctionalInterface
    interface Step {
        Object rotate(Object previous) throws Exception;
    }

    static int run(Options o) throws Exception {
        Path dir = Path.of(o.required("dir"));
        Path sinks = Path.of(o.required("sink-dir"));
        int rotations = o.integer("rotations", 5);
        Duration interval = o.duration("interval", Duration.ofSeconds(4));
        Duration warmup = o.duration("warmup", Duration.ofSeconds(2));
        Duration grace = o.duration("grace", Duration.ZERO);
        long alationUser = Long.parseLong(o.required("alation-user"));
        long start = System.nanoTime();
        Map<String, Integer> done = new ConcurrentHashMap<>();
        AtomicBoolean failed = new AtomicBoolean();
        try (AtlanClient atlan = AtlanClient.builder()
                        .baseUrl(o.required("atlan-url"))
                        .apiKey(CredentialSource.fromFile(dir.resolve("admin").resolve("atlan")))
                        .build();
                DataHubClient dataHub = DataHubClient.builder()
                        .baseUrl(o.required("datahub-url"))
                        .token(CredentialSource.fromFile(dir.resolve("admin").resolve("datahub")))
                        .build();
                AlationClient alation = AlationClient.builder()
                        .baseUrl(o.required("alation-url"))
                        .build()) {
            Map<String, Object> first = Map.of(
                    "atlan", o.required("atlan-guid"),
                    "datahub", o.required("datahub-id"),
                    "alation",
                            CredentialSource.fromFile(sinks.resolve("alation")).get());
            Map<String, Step> steps = Map.of(
                    "atlan",
                            previous -> {
                                Rotation<ApiToken> r = atlan.apiTokens()
                                        .rotate((String) previous, SecretSink.toFile(sinks.resolve("atlan")), grace);
                                return r.getReplacement().getGuid();
                            },
                    "datahub",
                            previous -> {
                                Rotation<AccessToken> r = dataHub.accessTokens()
                                        .rotate(
                                                (String) previous,
                                                AccessTokenDuration.ONE_DAY,
                                                SecretSink.toFile(sinks.resolve("datahub")),
                                                grace);
                                return r.getReplacement().getId().orElseThrow();
                            },
                    "alation",
                            previous -> {
                                // regeneration ends the old value at once: no grace is possible
                                Rotation<RefreshToken> r = alation.refreshTokens()
                                        .rotate(
                                                (Secret) previous,
                                                alationUser,
                                                SecretSink.toFile(sinks.resolve("alation")));
                                return r.getReplacement().getSecret().orElseThrow();
                            });
            List<Thread> threads = Fleet.PLATFORMS.stream()
                    .map(p -> new Thread(
                            () -> {
                                Object current = first.get(p);
                                for (int i = 1; i <= rotations; i++) {
                                    try {
                                        // counted from the end of the previous rotation, so that a slow
                                        // one (a grace, a loaded machine) does not bunch the next ones
                                        Thread.sleep((i == 1 ? warmup : interval).toMillis());
                                        current = steps.get(p).rotate(current);
                                        done.merge(p, 1, Integer::sum);
                                        System.out.printf(
                                                Locale.ROOT,
                                                "%s rotation %d done at %.1f s%n",
                                                p,
                                                i,
                                                (System.nanoTime() - start) / 1e9);
                                    } catch (Exception e) {
                                        failed.set(true);
                                        System.out.println(p + " rotation " + i + " failed: " + e);
                                        return;
                                    }
                                }
                            },
                            "rotate-" + p))
                    .toList();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        StringBuilder line = new StringBuilder(ROTATIONS);
        for (String p : Fleet.PLATFORMS) {
            line.append(' ').append(p).append('=').append(done.getOrDefault(p, 0));
        }
        System.out.println(line);
        return failed.get() ? 1 : 0;
    }
}
