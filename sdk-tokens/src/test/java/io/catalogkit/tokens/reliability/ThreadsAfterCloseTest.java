package io.catalogkit.tokens.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * After {@code close()}, no thread of catalogkit or OkHttp outlives OkHttp's own idle policy by more
 * than a few seconds: the three clients and a caller's OkHttp client carrying Alation's interceptor,
 * each used and closed, in a JVM of its own where no other test keeps OkHttp's shared threads busy.
 * The policy: OkHttp's task runner threads leave after 60 s idle; Okio's watchdog sleeps until the
 * earliest deadline it was given (a cancelled one does not wake it) and leaves 60 s after that, so it
 * can stay up to the longest timeout of the last call plus 60 s. Every timeout here is 5 s. It takes
 * about a minute, nearly all of it waiting, so it runs beside the module's other test classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class ThreadsAfterCloseTest {
    /** OkHttp's task runner threads and Okio's watchdog leave after this long with nothing to do. */
    static final Duration IDLE_POLICY = Duration.ofSeconds(60);

    /** Every timeout of the clients in the child: the watchdog may sleep this long before idling. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final Duration SLACK = Duration.ofSeconds(10);

    @Test
    void noThreadOutlivesOkHttpsIdlePolicyAfterClose() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        boolean ended =
                p.waitFor(IDLE_POLICY.plus(TIMEOUT).plus(SLACK).plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out.lines().filter(l -> l.contains("threads ")).collect(Collectors.joining("\n")));
        assertThat(ended).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("threads gone after");
    }

    /** Uses the three clients, closes them and the fakes, and reports when the last thread left. */
    public static final class Child {
        static final String ADMIN = "urn:li:corpuser:datahub";

        public static void main(String[] args) throws Exception {
            List<String> before = threads();
            try (FakeAtlan atlanFake = new FakeAtlan().start();
                    FakeAlation alationFake = new FakeAlation().start();
                    FakeDataHub hubFake = new FakeDataHub().start()) {
                Secret atlanKey = atlanFake.addApiToken("catalogkit-admin").secret();
                long userId = alationFake.addUser("jdoe@example.com", "pw-0001").id();
                Secret refresh =
                        alationFake.addRefreshToken(userId, "catalogkit-ci").secret();
                hubFake.addAdmin(ADMIN);
                Secret hubToken = hubFake.addAccessToken(ADMIN).secret();
                try (AtlanClient atlan = AtlanClient.builder()
                                .baseUrl(atlanFake.baseUrl())
                                .apiKey(atlanKey)
                                .connectTimeout(TIMEOUT)
                                .readTimeout(TIMEOUT)
                                .writeTimeout(TIMEOUT)
                                .callTimeout(TIMEOUT)
                                .build();
                        AlationClient alation = AlationClient.builder()
                                .baseUrl(alationFake.baseUrl())
                                .refreshToken(refresh, userId)
                                .connectTimeout(TIMEOUT)
                                .readTimeout(TIMEOUT)
                                .writeTimeout(TIMEOUT)
                                .callTimeout(TIMEOUT)
                                .build();
                        DataHubClient hub = DataHubClient.builder()
                                .baseUrl(hubFake.baseUrl())
                                .token(hubToken)
                                .connectTimeout(TIMEOUT)
                                .readTimeout(TIMEOUT)
                                .writeTimeout(TIMEOUT)
                                .callTimeout(TIMEOUT)
                                .build()) {
                    OkHttpClient data = new OkHttpClient.Builder()
                            .connectTimeout(TIMEOUT)
                            .readTimeout(TIMEOUT)
                            .writeTimeout(TIMEOUT)
                            .callTimeout(TIMEOUT)
                            .addInterceptor(alation.authInterceptor())
                            .build();
                    String tables = alationFake.baseUrl().replaceAll("/$", "") + FakeAlation.TABLES + "?limit=1";
                    for (int i = 0; i < 3; i++) {
                        atlan.apiTokens().list(0, 20);
                        alation.refreshTokens().validate(refresh, userId);
                        hub.accessTokens().list(0, 20, ADMIN);
                        try (Response r = data.newCall(
                                        new Request.Builder().url(tables).build())
                                .execute()) {
                            r.body().string();
                        }
                    }
                    data.dispatcher().executorService().shutdown();
                    data.connectionPool().evictAll();
                }
                if (threads().isEmpty()) {
                    System.out.println("no OkHttp thread was ever seen: the check would prove nothing");
                    System.exit(2);
                }
            }
            long closed = System.nanoTime();
            long limit = IDLE_POLICY.plus(TIMEOUT).plus(SLACK).toNanos();
            while (System.nanoTime() - closed < limit) {
                List<String> left = threads();
                left.removeAll(before);
                if (left.isEmpty()) {
                    System.out.printf(
                            "threads gone after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
                    System.exit(0);
                }
                Thread.sleep(250);
            }
            System.out.println("still alive after " + limit / 1_000_000 + " ms: " + threads());
            System.exit(1);
        }

        static List<String> threads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(n -> {
                        String l = n.toLowerCase(Locale.ROOT);
                        return l.contains("okhttp") || l.contains("okio") || l.contains("catalogkit");
                    })
                    .collect(Collectors.toList());
        }
    }
}
