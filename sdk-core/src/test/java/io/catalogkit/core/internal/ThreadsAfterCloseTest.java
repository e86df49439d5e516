package io.catalogkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * After {@code close()}, no thread of catalogkit or OkHttp outlives OkHttp's own idle policy (its
 * task runner and Okio's watchdog leave after 60 s idle) by more than a few seconds. Checked in a
 * JVM of its own, where no other test's client keeps OkHttp's shared threads busy; it takes about a
 * minute, nearly all of it waiting, so it runs beside the module's other test classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class ThreadsAfterCloseTest {
    /** OkHttp's task runner threads and Okio's watchdog leave after this long with nothing to do. */
    static final Duration IDLE_POLICY = Duration.ofSeconds(60);

    static final Duration SLACK = Duration.ofSeconds(10);

    @Test
    void noThreadOutlivesOkHttpsIdlePolicyAfterClose() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        boolean ended = p.waitFor(IDLE_POLICY.plus(SLACK).plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out.lines().filter(l -> l.contains("threads ")).collect(Collectors.joining("\n")));
        assertThat(ended).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("threads gone after");
    }

    /** Uses a client, closes it, and reports when the last of its threads left. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            List<String> before = threads();
            try (RawServer server = new RawServer(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")) {
                Transport t = Transport.builder(
                                new TestClients()
                                        .builder(server.url())
                                        .readTimeout(Duration.ofSeconds(5))
                                        .build(),
                                "Test")
                        .build();
                for (int i = 0; i < 5; i++) {
                    t.exchange(ApiRequest.builder("read", "GET").path("x").build());
                }
                if (threads().isEmpty()) {
                    System.out.println("no OkHttp thread was ever seen: the check would prove nothing");
                    System.exit(2);
                }
                t.close();
            }
            long closed = System.nanoTime();
            long limit = IDLE_POLICY.plus(SLACK).toNanos();
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

        static List<String> threads() throws IOException {
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
