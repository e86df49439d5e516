package io.catalogkit.benchmarks.fleet;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeDataHub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fleet of processes sharing one credential per platform through file stores while a rotator
 * process rotates them: what a deployment of many pods and a rotating CronJob does.
 *
 * <p>This process serves {@link FakeAtlan}, {@link FakeAlation} and {@link FakeDataHub} over
 * loopback, writes each worker credential to a file store, starts {@code --workers} worker JVMs
 * (each with its own three clients on {@code CredentialSource.fromFile}, calling all three
 * platforms without pause) and one rotator JVM (rotating each platform's worker credential {@code
 * --rotations} times with {@code SecretSink.toFile}), then prints per platform the calls, failed
 * calls, refusals met and resolved, store reads, mints per worker and rotations. With {@code
 * --lag}, the rotator's sink writes a staging file that reaches the workers' store only that much
 * later, as a Kubernetes secret volume does.
 *
 * <p>Run: {@code java -cp sdk-benchmarks/target/benchmarks.jar io.catalogkit.benchmarks.fleet.Fleet
 * [--workers=8] [--rotations=5] [--interval=4s] [--lag=0s] [--grace=0s] [--threads=2]
 * [--credential-wait=DUR] [--warmup=2s]}. Exits 0 when no call failed and every rotation was made,
 * 1 otherwise, 2 on a usage error.
 *
 * <p>See docs/FLEET.md for what the figures mean.
 */
public final class Fleet {
    static final List<String> PLATFORMS = List.of("atlan", "alation", "datahub");
    static final String ATLAN_WORKER_NAME = "fleet-worker";
    static final String DATAHUB_WORKER = "urn:li:corpuser:fleet-worker";
    static final String DATAHUB_ADMIN = "urn:li:corpuser:datahub";
    private static final Duration ALATION_ACCESS_LIFESPAN = Duration.ofSeconds(3);

    static {
        // The fleet prints its own lines; the fakes and clients stay quiet.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    private Fleet() {}

    /**
     * Runs the fleet (or, with {@code --role=worker} or {@code --role=rotator}, one of its processes).
     *
     * @param args {@code --name=value} options
     * @throws Exception when the fleet cannot run at all
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fleet: " + e.getMessage());
            System.exit(2);
            return;
        }
        String role = options.text("role", "fleet");
        int exit = switch (role) {
            case "worker" -> Worker.run(options);
            case "rotator" -> Rotator.run(options);
            case "fleet" -> run(options, System.out).passed() ? 0 : 1;
            default -> {
                System.err.println("fleet: unknown role " + role);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(exit);
    }

    /**
     * Runs a whole fleet and prints its figures.
     *
     * @param options the options
     * @param out where the figures go
     * @return the totals
     */
    static Summary run(Options options, PrintStream out) throws Exception {
        int workers = options.integer("workers", 8);
        int rotations = options.integer("rotations", 5);
        int threads = options.integer("threads", 2);
        Duration lag = options.duration("lag", Duration.ZERO);
        Duration grace = options.duration("grace", Duration.ZERO);
        Duration interval = options.duration("interval", Duration.ofSeconds(4));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(2));
        String credentialWait = options.text("credential-wait", "");
        if (workers < 1 || rotations < 0 || threads < 1) {
            throw new IllegalArgumentException("--workers and --threads must be 1 or more, --rotations 0 or more");
        }
        Path dir = Files.createTempDirectory("catalogkit-fleet");
        Path store = Files.createDirectories(dir.resolve("store"));
        Path stage = lag.isZero() ? store : Files.createDirectories(dir.resolve("stage"));
        Path admin = Files.createDirectories(dir.resolve("admin"));
        out.printf(
                Locale.ROOT,
                "catalogkit fleet: %d workers x %d threads per platform, %d rotations per platform every %s,"
                        + " store lag %s, grace %s, credentialWait %s; %d cores, load average %s%n",
                workers,
                threads,
                rotations,
                Options.show(interval),
                Options.show(lag),
                Options.show(grace),
                credentialWait.isEmpty() ? "default" : credentialWait,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fleet-background");
            t.setDaemon(true);
            return t;
        });
        try (FakeAtlan atlan = new FakeAtlan().start();
                FakeAlation alation = new FakeAlation().start();
                FakeDataHub dataHub = new FakeDataHub().start()) {
            // Seed: an admin credential for the rotator, a worker credential in each store.
            Secret atlanAdmin = atlan.addApiToken("fleet-rotator").secret();
            FakeAtlan.SeededToken atlanWorker = atlan.addApiToken(ATLAN_WORKER_NAME);
            alation.accessTokenLifespan(ALATION_ACCESS_LIFESPAN);
            long alationUser = alation.addUser("fleet@example.com", "fleet-password-not-used")
                    .id();
            Secret alationRefresh =
                    alation.addRefreshToken(alationUser, "fleet").secret();
            dataHub.addAdmin(DATAHUB_ADMIN);
            dataHub.addUser(DATAHUB_WORKER, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Secret dataHubAdmin = dataHub.addAccessToken(DATAHUB_ADMIN).secret();
            Instant now = dataHub.clock().instant();
            FakeDataHub.SeededAccessToken dataHubWorker = dataHub.addAccessToken(
                    DATAHUB_WORKER, DATAHUB_WORKER, "fleet-worker", null, now, now.plus(Duration.ofDays(30)));
            Stores.write(store.resolve("atlan"), atlanWorker.secret());
            Stores.write(store.resolve("alation"), alationRefresh);
            Stores.write(store.resolve("datahub"), dataHubWorker.secret());
            Stores.write(admin.resolve("atlan"), atlanAdmin);
            Stores.write(admin.resolve("datahub"), dataHubAdmin);
            if (!lag.isZero()) {
                for (String p : PLATFORMS) {
                    Files.copy(store.resolve(p), stage.resolve(p));
                }
                new LaggingStore(stage, store, PLATFORMS, lag, background).start();
            }
            // The fakes' clocks follow real time (Alation access tokens expire, so workers mint),
            // and their request logs are dropped so that a long run does not fill the heap.
            background.scheduleAtFixedRate(
                    () -> {
                        Instant t = Instant.now();
                        atlan.clock().set(t);
                        alation.clock().set(t);
                        dataHub.clock().set(t);
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            background.scheduleAtFixedRate(
                    () -> {
                        atlan.clearRequests();
                        alation.clearRequests();
                        dataHub.clearRequests();
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);

            List<String> common = List.of(
                    "--dir=" + dir,
                    "--atlan-url=" + atlan.baseUrl(),
                    "--alation-url=" + alation.baseUrl(),
                    "--datahub-url=" + dataHub.baseUrl(),
                    "--alation-user=" + alationUser);
            long started = System.nanoTime();
            List<Child> fleet = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(workers);
            for (int i = 1; i <= workers; i++) {
                List<String> args = new ArrayList<>(common);
                args.add("--role=worker");
                args.add("--id=" + i);
                args.add("--threads=" + threads);
                if (!credentialWait.isEmpty()) {
                    args.add("--credential-wait=" + credentialWait);
                }
                fleet.add(Child.start("worker " + i, args, ready, out));
            }
            if (!ready.await(120, TimeUnit.SECONDS)) {
                out.println("FAIL: the workers did not all make their first calls within 120 s");
            }
            out.printf(Locale.ROOT, "%d workers calling after %.1f s%n", workers, (System.nanoTime() - started) / 1e9);
            List<String> rotatorArgs = new ArrayList<>(common);
            rotatorArgs.addAll(List.of(
                    "--role=rotator",
                    "--sink-dir=" + stage,
                    "--atlan-guid=" + atlanWorker.guid(),
                    "--datahub-id=" + dataHubWorker.id(),
                    "--rotations=" + rotations,
                    "--interval=" + interval,
                    "--warmup=" + warmup,
                    "--grace=" + grace));
            Child rotator = Child.start("rotator", rotatorArgs, null, out);
            int rotatorExit = rotator.await(Duration.ofMinutes(60));
            // Let the last rotation reach every worker, and every worker meet it (an Alation worker
            // meets it at its next mint, within an access token's lifespan), before stopping.
            Duration tail = lag.plus(ALATION_ACCESS_LIFESPAN).plus(Duration.ofSeconds(2));
            out.printf(Locale.ROOT, "rotator done; workers go on for %s more%n", Options.show(tail));
            Thread.sleep(tail.toMillis());
            fleet.forEach(Child::stop);
            Map<String, Tally> totals = new LinkedHashMap<>();
            PLATFORMS.forEach(p -> totals.put(p, new Tally()));
            boolean workersOk = true;
            for (Child w : fleet) {
                int exit = w.await(Duration.ofSeconds(120));
                workersOk &= exit == 0 || exit == 1; // 1: the worker saw failed calls, counted below
                for (String p : PLATFORMS) {
                    Tally t = w.tallies.get(p);
                    if (t == null) {
                        workersOk = false;
                        out.printf("FAIL: %s reported nothing for %s (exit %d)%n", w.name, p, exit);
                    } else {
                        totals.get(p).add(t);
                    }
                }
            }
            Summary summary = new Summary(
                    totals,
                    rotator.rotations,
                    rotations,
                    workers,
                    rotatorExit == 0 && workersOk,
                    Duration.ofNanos(System.nanoTime() - started));
            summary.print(out);
            return summary;
        } finally {
            background.shutdownNow();
            deleteTree(dir);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** One child JVM of the fleet, its standard output read line by line. */
    static final class Child {
        final String name;
        final Process process;
        final Map<String, Tally> tallies = new LinkedHashMap<>();
        final Map<String, Integer> rotations = new LinkedHashMap<>();
        private final Thread reader;

        private Child(String name, Process process, CountDownLatch ready, PrintStream out) {
            this.name = name;
            this.process = process;
            this.reader = new Thread(
                    () -> {
                        try (BufferedReader in = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                line(line, ready, out);
                            }
                        } catch (IOException e) {
                            out.println(name + ": output unreadable: " + e.getMessage());
                        }
                    },
                    "fleet-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String name, List<String> args, CountDownLatch ready, PrintStream out) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(javaCommand());
            command.add("-Xmx128m");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Fleet.class.getName());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return new Child(name, pb.start(), ready, out);
        }

        private synchronized void line(String line, CountDownLatch ready, PrintStream out) {
            if (line.equals(Worker.READY)) {
                ready.countDown();
            } else if (line.startsWith(Worker.RESULT)) {
                String[] parts = line.substring(Worker.RESULT.length()).trim().split(" ", 2);
                tallies.put(parts[0], Tally.parse(parts[1]));
            } else if (line.startsWith(Rotator.ROTATIONS)) {
                for (String kv :
                        line.substring(Rotator.ROTATIONS.length()).trim().split(" ")) {
                    String[] p = kv.split("=");
                    rotations.put(p[0], Integer.parseInt(p[1]));
                }
            } else {
                out.println("  " + name + " | " + line);
            }
        }

        /** Closes the child's standard input: a worker stops calling and prints its figures. */
        void stop() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                process.destroy();
            }
        }

        int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            reader.join(10_000);
            return process.exitValue();
        }

        private static String javaCommand() {
            return ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
        }
    }

    /** The fleet's totals per platform. */
    record Summary(
            Map<String, Tally> totals,
            Map<String, Integer> rotations,
            int rotationsAsked,
            int workers,
            boolean processesOk,
            Duration took) {
        long failed() {
            return totals.values().stream().mapToLong(t -> t.failed).sum();
        }

        boolean rotatedAll() {
            return PLATFORMS.stream().allMatch(p -> rotations.getOrDefault(p, 0) == rotationsAsked);
        }

        boolean passed() {
            return processesOk && failed() == 0 && rotatedAll();
        }

        void print(PrintStream out) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "%-8s %9s %7s %9s %9s %7s %8s %9s %9s %12s%n",
                    "platform",
                    "calls",
                    "failed",
                    "refusals",
                    "resolved",
                    "waits",
                    "reads",
                    "mints/wkr",
                    "rotations",
                    "slowest(ms)");
            for (String p : PLATFORMS) {
                Tally t = totals.get(p);
                out.printf(
                        Locale.ROOT,
                        "%-8s %9d %7d %9d %9d %7d %8d %9s %9d %12d%n",
                        p,
                        t.calls,
                        t.failed,
                        t.refusals(),
                        t.resolved,
                        t.stale,
                        t.reads,
                        p.equals("alation") ? String.format(Locale.ROOT, "%.1f", (double) t.mints / workers) : "-",
                        rotations.getOrDefault(p, 0),
                        t.slowestMillis);
            }
            out.printf(Locale.ROOT, "took %.1f s%n", took.toNanos() / 1e9);
            out.println(
                    passed()
                            ? "PASS: no call failed and every rotation was made"
                            : "FAIL: " + failed() + " failed calls"
                                    + (rotatedAll() ? "" : ", rotations missing")
                                    + (processesOk ? "" : ", a process failed"));
        }
    }
}
