package io.catalogkit.benchmarks;

import io.catalogkit.core.Secret;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.testing.FakeServer;
import io.catalogkit.tokens.alation.AlationClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What JMH does not show, each with a pass/fail against issue 10's target and the figure:
 *
 * <ul>
 *   <li>{@code calls}: HTTP requests per operation in steady state, catalogkit against the
 *       hand-written call, counted at the fakes; and no extra request (mint, validate) for Alation
 *       auth once the access token is minted;
 *   <li>{@code mints}: mints when 256 threads meet an expired (and then a server-revoked) access
 *       token;
 *   <li>{@code autopage}: {@code autoPager()} over 100,000 tokens of a {@link FakeAtlan} (in this
 *       JVM) from a client JVM with {@code -Xmx64m}, checking that earlier pages are let go;
 *   <li>{@code coldstart}: a fresh JVM's time to its first completed call, catalogkit against the
 *       hand-written program, median of several runs;
 *   <li>{@code interleaved}: per-call medians of every operation, catalogkit and hand-written calls
 *       alternating one by one against the canned responder, so that machine drift hits both, in
 *       {@code --passes} passes on new connections, the median of the passes' ratios ({@link
 *       Alternating});
 *   <li>{@code alloc}: bytes allocated per call by the calling thread, every operation on both sides,
 *       after a warm-up (what the garbage collector gets per call; a figure, not a check);
 *   <li>{@code listener}: what binding {@code CatalogKitMetrics} costs ({@link ListenerCost}): two
 *       catalogkit sides in this JVM, with and without it, single-threaded call by call and with
 *       many threads at once (not in the default sections: a few minutes; {@code --passes=3} single-thread
 *       passes, {@code --threads=0} for the single thread only);
 *   <li>{@code sidebyside}: calls per second of every operation with many threads (32 by default)
 *       in this JVM, half through each side at once, after the JIT has settled on that mix, the
 *       median ratio of several windows ({@link SideBySide}; not in the default sections: a few
 *       minutes; {@code --sides=handWritten,handWritten} shows the method's own spread);
 *   <li>{@code throughput}: calls per second of every operation with many threads (32 by default),
 *       each side in its own fresh JVM, warmed up on as many threads until the JIT has settled
 *       ({@link JitSettle}), the sides alternating run by run so that drift hits both; the median
 *       ratio of several rounds (not in the default sections: up to {@code rounds × 10 × (max-warm
 *       + measure + 2)} seconds, about half that on two cores).
 * </ul>
 *
 * <p>Run: {@code java -cp sdk-benchmarks/target/benchmarks.jar io.catalogkit.benchmarks.Harness
 * [section...] [--runs=7] [--tokens=100000] [--page=500] [--calls=5000] [--passes=1] [--threads=32 --rounds=3 --warm=10
 * --max-warm=120 --measure=8 --ops=atlanGetByGuid,dataHubList --sides=catalogkit,handWritten]}. No section:
 * all but {@code listener}, {@code sidebyside} and {@code throughput}. Exits 0 when every check passes, 1 otherwise.
 *
 * <p>With {@code -Dcatalogkit.bench.tls=true} before {@code -cp}, {@code interleaved}, {@code
 * alloc}, {@code sidebyside} and {@code throughput} run over HTTPS (HTTP/1.1) against the canned responder, both sides
 * trusting its certificate the same way; with {@code -Dcatalogkit.bench.listener=metrics}, the
 * catalogkit side binds {@code CatalogKitMetrics}. {@code throughput} passes both on to its JVMs;
 * {@code interleaved}, {@code alloc}, {@code sidebyside} and {@code throughput} print the transport that ran.
 */
public final class Harness {
    private static final String OWNER = "urn:li:corpuser:jdoe";

    static {
        // A harness run prints its own lines; the fakes and clients stay quiet.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    private final Map<String, String> options;
    private final List<String> failures = new ArrayList<>();

    private Harness(Map<String, String> options) {
        this.options = options;
    }

    /**
     * Runs the chosen sections.
     *
     * @param args section names and {@code --name=value} options
     * @throws Exception when a section cannot run at all
     */
    public static void main(String[] args) throws Exception {
        List<String> sections = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                sections.add(a);
            }
        }
        if (sections.isEmpty()) {
            sections = List.of("calls", "mints", "autopage", "coldstart", "interleaved", "alloc");
        }
        Harness h = new Harness(options);
        System.out.printf(
                "catalogkit harness: %d cores, Java %s (%s), load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                loadAverage());
        for (String s : sections) {
            System.out.println();
            System.out.println("== " + s);
            switch (s) {
                case "calls" -> h.calls();
                case "mints" -> h.mints();
                case "autopage" -> h.autoPage();
                case "coldstart" -> h.coldStart();
                case "interleaved" -> h.interleaved();
                case "throughput" -> h.throughput();
                case "alloc" -> h.alloc();
                case "listener" -> h.listener();
                case "sidebyside" -> h.sideBySide();
                default -> throw new IllegalArgumentException("unknown section " + s);
            }
        }
        System.out.println();
        System.out.println(h.failures.isEmpty() ? "all checks passed" : "FAILED: " + String.join("; ", h.failures));
        System.exit(h.failures.isEmpty() ? 0 : 1);
    }

    /** The operations {@code --ops} names (labels, comma-separated), or all of them. */
    private List<Op> ops() {
        List<String> labels = Arrays.stream(Op.values()).map(Op::label).toList();
        List<String> only =
                options.containsKey("ops") ? List.of(options.get("ops").split(",")) : labels;
        for (String label : only) {
            if (!labels.contains(label)) {
                throw new IllegalArgumentException("--ops: no operation " + label + "; the operations are " + labels);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (Op op : Op.values()) {
            if (only.contains(op.label())) {
                ops.add(op);
            }
        }
        return ops;
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private void check(String what, boolean pass, String figure) {
        System.out.printf("%s  %s: %s%n", pass ? "PASS" : "FAIL", what, figure);
        if (!pass) {
            failures.add(what);
        }
    }

    // ------------------------------------------------------------------ calls per operation

    private void calls() {
        int n = option("steady", 20);
        try (FakeAtlan atlan = new FakeAtlan().start();
                FakeAlation alation = new FakeAlation().start();
                FakeDataHub dataHub = new FakeDataHub().start()) {
            FakeAtlan.SeededToken key = atlan.addApiToken("harness-key");
            for (int i = 0; i < Canned.PAGE_SIZE + 5; i++) {
                atlan.addApiToken("token-" + i);
            }
            long userId =
                    alation.addUser("jdoe@example.com", "correct-horse-battery").id();
            Secret refresh = alation.addRefreshToken(userId, "harness").secret();
            Secret access = alation.addAccessToken(refresh).secret();
            dataHub.addUser(OWNER, FakeDataHub.GENERATE_PERSONAL_ACCESS_TOKENS);
            Secret dataHubToken = dataHub.addAccessToken(OWNER).secret();
            for (int i = 0; i < Canned.PAGE_SIZE + 5; i++) {
                dataHub.addAccessToken(OWNER);
            }
            Target target = new Target(
                    atlan.baseUrl(),
                    key.secret(),
                    key.guid(),
                    alation.baseUrl(),
                    refresh,
                    userId,
                    access,
                    dataHub.baseUrl(),
                    dataHubToken,
                    OWNER);
            List<FakeServer> fakes = List.of(atlan, alation, dataHub);
            Map<String, Map<Op, double[]>> counts = new LinkedHashMap<>();
            for (String sideName : List.of(Side.HAND_WRITTEN, Side.CATALOGKIT)) {
                Map<Op, double[]> perOp = new EnumMap<>(Op.class);
                OkHttpClient http = Side.httpClient();
                try (Side side = Side.create(sideName, target, http)) {
                    for (Op op : Op.values()) {
                        op.run(side); // the first Alation auth call mints: steady state starts after it
                        fakes.forEach(FakeServer::clearRequests);
                        int mints = alation.mintCount();
                        int validates = alation.validateCount();
                        for (int i = 0; i < n; i++) {
                            op.run(side);
                        }
                        int requests = fakes.stream()
                                .mapToInt(f -> f.requests().size())
                                .sum();
                        perOp.put(op, new double[] {
                            (double) requests / n, alation.mintCount() - mints, alation.validateCount() - validates
                        });
                    }
                } finally {
                    Side.shutdown(http);
                }
                counts.put(sideName, perOp);
            }
            for (Op op : Op.values()) {
                double hand = counts.get(Side.HAND_WRITTEN).get(op)[0];
                double kit = counts.get(Side.CATALOGKIT).get(op)[0];
                check(
                        "HTTP requests per " + op.label() + " in steady state",
                        kit == hand,
                        String.format(Locale.ROOT, "catalogkit %.2f, hand-written %.2f (over %d calls)", kit, hand, n));
            }
            double[] auth = counts.get(Side.CATALOGKIT).get(Op.ALATION_AUTH_CALL);
            check(
                    "Alation auth: extra requests once the access token is minted",
                    auth[1] == 0 && auth[2] == 0 && auth[0] == 1.0,
                    String.format(
                            Locale.ROOT,
                            "%.0f mints, %.0f validates, %.2f requests per data call over %d calls",
                            auth[1],
                            auth[2],
                            auth[0],
                            n));
        }
    }

    // ------------------------------------------------------------------ mints under contention

    private void mints() throws Exception {
        int threads = option("threads", 256);
        FakeClock clock = new FakeClock();
        try (FakeAlation fake = new FakeAlation(clock).start()) {
            long userId =
                    fake.addUser("jdoe@example.com", "correct-horse-battery").id();
            Secret refresh = fake.addRefreshToken(userId, "harness").secret();
            OkHttpClient base = Side.httpClient();
            try (AlationClient alation = AlationClient.builder()
                    .baseUrl(fake.baseUrl())
                    .refreshToken(refresh, userId)
                    .clock(clock)
                    .build()) {
                OkHttpClient http = base.newBuilder()
                        .addInterceptor(alation.authInterceptor())
                        .build();
                Request request = new Request.Builder()
                        .url(HandWrittenSide.tablesUrl(fake.baseUrl()))
                        .build();
                int[] first = stampede(http, request, 1);
                check("first call mints once", fake.mintCount() == 1 && first[0] == 1, fake.mintCount() + " mint");

                clock.advance(Duration.ofHours(25)); // past the 24 h the fake's access tokens live
                int before = fake.mintCount();
                int[] ok = stampede(http, request, threads);
                check(
                        "mints when " + threads + " threads meet an expired access token",
                        fake.mintCount() - before == 1 && ok[0] == threads,
                        (fake.mintCount() - before) + " mint(s); " + ok[0] + " of " + threads + " calls answered 200");

                fake.revokeAllAccessTokens(); // the server rejects a token the client still trusts
                before = fake.mintCount();
                ok = stampede(http, request, threads);
                check(
                        "mints when " + threads + " threads meet a revoked access token (403 403000)",
                        fake.mintCount() - before == 1 && ok[0] == threads,
                        (fake.mintCount() - before) + " mint(s); " + ok[0] + " of " + threads + " calls answered 200");
            } finally {
                Side.shutdown(base);
            }
        }
    }

    /** Sends one request from each of {@code threads} threads released at once; returns {count of 200}. */
    private static int[] stampede(OkHttpClient http, Request request, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try (Response r = http.newCall(request).execute()) {
                    r.body().bytes();
                    return r.code();
                }
            }));
        }
        ready.await();
        go.countDown();
        int ok = 0;
        for (Future<Integer> f : results) {
            if (f.get(60, TimeUnit.SECONDS) == 200) {
                ok++;
            }
        }
        pool.shutdown();
        return new int[] {ok};
    }

    // ------------------------------------------------------------------ auto-paging at -Xmx64m

    private void autoPage() throws Exception {
        int tokens = option("tokens", 100_000);
        int page = option("page", 500);
        // The fake keeps all tokens in memory, so it runs here (default heap); only the client,
        // in its own JVM, gets -Xmx64m, which then bounds catalogkit and nothing else.
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            String bearer = "harness-admin-bearer";
            atlan.addUser("harness-admin", bearer);
            long seedStart = System.nanoTime();
            for (int i = 0; i < tokens; i++) {
                atlan.addApiToken("token-" + i);
            }
            System.out.printf(
                    Locale.ROOT,
                    "seeded %d tokens into FakeAtlan in %.1f s; paging with limit=%d from a -Xmx64m JVM%n",
                    tokens,
                    (System.nanoTime() - seedStart) / 1e9,
                    page);
            ProcessBuilder pb = new ProcessBuilder(
                    java(),
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    AutoPage.class.getName(),
                    atlan.baseUrl(),
                    Integer.toString(page),
                    Integer.toString(tokens));
            pb.environment().put("ATLAN_API_KEY", bearer);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String result = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("  | " + line);
                    if (line.startsWith("RESULT ")) {
                        result = line.substring("RESULT ".length());
                    }
                }
            }
            int exit = p.waitFor();
            check(
                    "auto-paging " + tokens + " Atlan tokens at -Xmx64m, earlier pages let go",
                    exit == 0 && result != null && result.endsWith("PASS"),
                    result == null ? "the client JVM died (exit " + exit + ")" : result);
        }
    }

    // ------------------------------------------------------------------ cold start

    private void coldStart() throws Exception {
        int runs = option("runs", 7);
        // plain HTTP whatever -Dcatalogkit.bench.tls says: the fresh JVM gets only a URL and default clients
        try (Responder responder = Canned.responder(false)) {
            Map<String, List<Double>> spawnToCall = new LinkedHashMap<>();
            Map<String, List<Double>> inMain = new LinkedHashMap<>();
            List<String> sides = List.of(Side.CATALOGKIT, Side.HAND_WRITTEN);
            for (String s : sides) {
                spawnToCall.put(s, new ArrayList<>());
                inMain.put(s, new ArrayList<>());
            }
            // one unrecorded run each first: the jar's pages and the JDK's CDS archive into the OS cache
            for (int run = -1; run < runs; run++) {
                for (int k = 0; k < 2; k++) {
                    String s = sides.get((run + k + 2) % 2); // alternate which side goes first
                    double[] t = coldRun(s, responder.baseUrl());
                    if (run >= 0) {
                        spawnToCall.get(s).add(t[0]);
                        inMain.get(s).add(t[1]);
                    }
                }
            }
            double kit = median(spawnToCall.get(Side.CATALOGKIT));
            double hand = median(spawnToCall.get(Side.HAND_WRITTEN));
            double kitMain = median(inMain.get(Side.CATALOGKIT));
            double handMain = median(inMain.get(Side.HAND_WRITTEN));
            System.out.printf(
                    Locale.ROOT,
                    "runs=%d  catalogkit: %s ms%n          hand-written: %s ms%n",
                    runs,
                    spawnToCall.get(Side.CATALOGKIT),
                    spawnToCall.get(Side.HAND_WRITTEN));
            System.out.printf(
                    Locale.ROOT,
                    "inside main() only (JVM boot excluded): catalogkit %.0f ms, hand-written %.0f ms, ratio %.2f%n",
                    kitMain,
                    handMain,
                    kitMain / handMain);
            check(
                    "cold start to the first completed call <= 1.3x hand-written (median of " + runs + ")",
                    kit / hand <= 1.3,
                    String.format(
                            Locale.ROOT,
                            "catalogkit %.0f ms, hand-written %.0f ms, ratio %.2f (process start to first call)",
                            kit,
                            hand,
                            kit / hand));
        }
    }

    /** One fresh JVM: {milliseconds from process start to its first call, milliseconds inside main}. */
    private static double[] coldRun(String side, String baseUrl) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                java(), "-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), side, baseUrl);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        Process p = pb.start();
        double spawnToCall = -1;
        double inMain = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("FIRST_CALL inMainMicros=")) {
                    spawnToCall = (System.nanoTime() - start) / 1e6;
                    inMain = Long.parseLong(line.substring(line.indexOf('=') + 1)) / 1e3;
                }
            }
        }
        if (p.waitFor() != 0 || spawnToCall < 0) {
            throw new IllegalStateException("the cold-start program (" + side + ") failed");
        }
        return new double[] {Math.round(spawnToCall * 10) / 10.0, inMain};
    }

    // ------------------------------------------------------------------ interleaved medians

    private void interleaved() throws Exception {
        int calls = option("calls", 5000);
        int passes = option("passes", 1);
        bothSides((kit, hand, newConnections) -> {
            for (Alternating.Result r :
                    new Alternating(kit, hand, newConnections).run(calls, passes, "catalogkit", "hand-written")) {
                double ratio = r.medianRatio();
                check(
                        "interleaved median ratio for " + r.op().label() + " <= 1.05",
                        ratio <= 1.05,
                        String.format(
                                Locale.ROOT,
                                "%.3f%s over %d calls each%s",
                                ratio,
                                passes > 1 ? " (median of " + r.ratios() + ")" : "",
                                calls,
                                passes > 1 ? " per pass" : ""));
            }
        });
    }

    /** What runs with the two sides; {@code newConnections} closes both sides' idle connections. */
    private interface BothSides {
        void run(Side kit, Side hand, Runnable newConnections);
    }

    /**
     * Runs {@code body} with a catalogkit and a hand-written side against one canned responder
     * (HTTPS with {@code -D}{@value Canned#TLS}{@code =true}), after a line naming the transport
     * each side's client negotiated, and before a line with the connections the responder saw.
     */
    private static void bothSides(BothSides body) throws Exception {
        bothSides(Side.CATALOGKIT, Side.HAND_WRITTEN, body);
    }

    /** As {@link #bothSides(BothSides)}, with the two sides named ({@link Side#create}). */
    private static void bothSides(String firstSide, String secondSide, BothSides body) throws Exception {
        try (Responder responder = Canned.responder()) {
            Target target = Canned.target(responder.baseUrl());
            OkHttpClient firstHttp = Side.httpClient(responder);
            OkHttpClient secondHttp = Side.httpClient(responder);
            try (Side first = Side.create(firstSide, target, firstHttp);
                    Side second = Side.create(secondSide, target, secondHttp)) {
                String firstTransport = Side.transport(firstHttp, responder);
                String secondTransport = Side.transport(secondHttp, responder);
                System.out.println("transport: "
                        + (firstTransport.equals(secondTransport)
                                ? firstTransport
                                : firstSide + " " + firstTransport + ", " + secondSide + " " + secondTransport));
                body.run(first, second, () -> {
                    firstHttp.connectionPool().evictAll();
                    secondHttp.connectionPool().evictAll();
                });
                System.out.println(
                        responder.tlsHandshakes() == 0
                                ? "the responder saw " + responder.connections() + " connections, none TLS"
                                : "the responder saw " + responder.connections() + " connections, "
                                        + responder.tlsHandshakes() + " TLS handshakes " + responder.tlsVersions());
            } finally {
                Side.shutdown(firstHttp);
                Side.shutdown(secondHttp);
            }
        }
    }

    private static void warmUp(Op op, Side kit, Side hand, int calls) {
        for (int i = 0; i < calls; i++) { // unrecorded
            op.run(kit);
            op.run(hand);
        }
    }

    // ------------------------------------------------------------------ allocation per call

    private void alloc() throws Exception {
        int calls = option("calls", 5000);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean bytes) || !bytes.isThreadAllocatedMemorySupported()) {
            System.out.println("this JVM cannot count allocated bytes per thread; skipped");
            return;
        }
        long self = Thread.currentThread().getId();
        bothSides((kit, hand, newConnections) -> {
            System.out.printf("%-16s %12s %14s %7s%n", "operation", "catalogkit", "hand-written", "ratio");
            for (Op op : Op.values()) {
                warmUp(op, kit, hand, calls);
                long b0 = bytes.getThreadAllocatedBytes(self);
                for (int i = 0; i < calls; i++) {
                    op.run(kit);
                }
                long b1 = bytes.getThreadAllocatedBytes(self);
                for (int i = 0; i < calls; i++) {
                    op.run(hand);
                }
                long b2 = bytes.getThreadAllocatedBytes(self);
                double k = (b1 - b0) / (double) calls;
                double h = (b2 - b1) / (double) calls;
                System.out.printf(Locale.ROOT, "%-16s %9.0f B %11.0f B %7.2f%n", op.label(), k, h, k / h);
            }
        });
    }

    // ------------------------------------------------------------------ what a listener costs

    private void listener() throws Exception {
        ListenerCost.singleThread(option("calls", 5000), option("passes", 3), this::check);
        int threads = option("threads", 32);
        if (threads == 0) {
            return;
        }
        System.out.printf(
                "%d threads, half with CatalogKitMetrics, in this JVM: warm-up until the JIT settles, then %d"
                        + " windows of %d s%n",
                threads, option("rounds", 3), option("measure", 8));
        ListenerCost.threads(
                ops(),
                threads,
                option("warm", 10),
                option("max-warm", 120),
                option("measure", 8),
                option("rounds", 3),
                this::check);
    }

    // ------------------------------------------------------------------ many threads, side by side

    private void sideBySide() throws Exception {
        int threads = option("threads", 32);
        int warm = option("warm", 10);
        int maxWarm = option("max-warm", 120);
        int measure = option("measure", 8);
        int windows = option("rounds", 5);
        String[] sides = options.getOrDefault("sides", Side.CATALOGKIT + "," + Side.HAND_WRITTEN)
                .split(",");
        if (sides.length != 2) {
            throw new IllegalArgumentException("--sides takes two sides, e.g. catalogkit,handWritten");
        }
        System.out.printf(
                "%d threads in this JVM, half %s and half %s: warm-up until the JIT settles, then %d windows of %d"
                        + " s%n",
                threads, sides[0], sides[1], windows, measure);
        bothSides(sides[0], sides[1], (first, second, newConnections) -> {
            for (Op op : ops()) {
                newConnections.run();
                SideBySide.Result r;
                try {
                    r = SideBySide.run(op, first, second, sides, threads, warm, maxWarm, measure, windows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                double median = r.medianRatio();
                check(
                        threads + "-thread calls per second side by side, " + op.label() + ", " + sides[0]
                                + " >= 0.95x " + sides[1],
                        median >= 0.95,
                        r.figure());
            }
        });
    }

    // ------------------------------------------------------------------ throughput, many threads

    private void throughput() throws Exception {
        int threads = option("threads", 32);
        int rounds = option("rounds", 3);
        int warm = option("warm", 10);
        int maxWarm = option("max-warm", 120);
        int measure = option("measure", 8);
        String transport;
        try (Responder responder = Canned.responder()) {
            OkHttpClient http = Side.httpClient(responder);
            try {
                transport = Side.transport(http, responder);
            } finally {
                Side.shutdown(http);
            }
        }
        System.out.println("transport: " + transport + " (every run checks its own)");
        System.out.printf(
                "%d threads, %d rounds, a fresh JVM per run: warm-up until the JIT settles (%d-%d s), then %d s"
                        + " measured%n",
                threads, rounds, warm, maxWarm, measure);
        System.out.printf(
                "%-16s %s%n", "operation", "catalogkit / hand-written ops/s per round = ratio (warm-up s, kit/hand)");
        for (Op op : ops()) {
            double[] ratios = new double[rounds];
            StringBuilder line = new StringBuilder();
            boolean allSettled = true;
            for (int round = 0; round < rounds; round++) {
                Run kit;
                Run hand;
                if (round % 2 == 0) { // alternate which side goes first
                    kit = throughputRun(Side.CATALOGKIT, op, threads, warm, measure, maxWarm, transport);
                    hand = throughputRun(Side.HAND_WRITTEN, op, threads, warm, measure, maxWarm, transport);
                } else {
                    hand = throughputRun(Side.HAND_WRITTEN, op, threads, warm, measure, maxWarm, transport);
                    kit = throughputRun(Side.CATALOGKIT, op, threads, warm, measure, maxWarm, transport);
                }
                allSettled &= kit.settled() && hand.settled();
                double ratio = kit.opsPerSecond() / hand.opsPerSecond();
                ratios[round] = ratio;
                line.append(String.format(
                        Locale.ROOT,
                        "  %.0f/%.0f=%.2f (%.0f%s/%.0f%s)",
                        kit.opsPerSecond(),
                        hand.opsPerSecond(),
                        ratio,
                        kit.warmSeconds(),
                        kit.settled() ? "" : "!",
                        hand.warmSeconds(),
                        hand.settled() ? "" : "!"));
            }
            double ratio = Alternating.median(ratios);
            System.out.printf(Locale.ROOT, "%-16s%s  median %.2f%n", op.label(), line, ratio);
            check(
                    threads + "-thread throughput of " + op.label() + " >= 0.95x hand-written",
                    ratio >= 0.95,
                    String.format(
                            Locale.ROOT,
                            "median ratio %.2f over %d rounds%s",
                            ratio,
                            rounds,
                            allSettled ? "" : " (a run ended its warm-up still compiling: marked !)"));
        }
    }

    /**
     * One fresh JVM's throughput run.
     *
     * @param opsPerSecond calls per second measured
     * @param warmSeconds how long the warm-up took
     * @param settled whether the JIT settled within the longest warm-up
     */
    private record Run(double opsPerSecond, double warmSeconds, boolean settled) {}

    /** One fresh JVM's calls per second; it must have run over {@code transport}. */
    private static Run throughputRun(
            String side, Op op, int threads, int warm, int measure, int maxWarm, String transport) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(throughputCommand(side, op, threads, warm, measure, maxWarm));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        double opsPerSecond = -1;
        double warmSeconds = -1;
        boolean settled = false;
        String ranOver = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(Throughput.TRANSPORT)) {
                    ranOver = line.substring(Throughput.TRANSPORT.length());
                } else if (line.startsWith("THROUGHPUT opsPerSecond=")) {
                    opsPerSecond = Double.parseDouble(line.substring(line.indexOf('=') + 1));
                } else if (line.startsWith("SETTLE ")) {
                    for (String field : line.substring("SETTLE ".length()).split(" ")) {
                        String value = field.substring(field.indexOf('=') + 1);
                        if (field.startsWith("settled=")) {
                            settled = Boolean.parseBoolean(value);
                        } else if (field.startsWith("seconds=")) {
                            warmSeconds = Double.parseDouble(value);
                        }
                    }
                }
            }
        }
        if (p.waitFor() != 0 || opsPerSecond < 0) {
            throw new IllegalStateException("the throughput program (" + side + ", " + op.label() + ") failed");
        }
        if (!transport.equals(ranOver)) {
            throw new IllegalStateException("the throughput program (" + side + ", " + op.label() + ") ran over "
                    + ranOver + ", not " + transport + ": check the -D options passed on to it");
        }
        return new Run(opsPerSecond, warmSeconds, settled);
    }

    /** The system properties that choose what is measured, passed on to the throughput JVMs. */
    static final List<String> PASSED_ON = List.of(CatalogkitSide.LISTENER, Canned.TLS);

    /**
     * The command line of one throughput JVM: this JVM's classpath, and each of {@link #PASSED_ON}
     * that is set here as a {@code -D} option.
     */
    static List<String> throughputCommand(String side, Op op, int threads, int warm, int measure, int maxWarm) {
        List<String> command = new ArrayList<>(List.of(java()));
        for (String name : PASSED_ON) {
            String value = System.getProperty(name);
            if (value != null) {
                command.add("-D" + name + "=" + value);
            }
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                Throughput.class.getName(),
                side,
                op.name(),
                Integer.toString(threads),
                Integer.toString(warm),
                Integer.toString(measure),
                Integer.toString(maxWarm)));
        return command;
    }

    // ------------------------------------------------------------------ small utilities

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(List<Double> values) {
        return Alternating.median(
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
