package io.catalogkit.tokens;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.internal.Json;
import io.catalogkit.testing.FakeAlation;
import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.FakeClock;
import io.catalogkit.testing.FakeDataHub;
import io.catalogkit.tokens.alation.AlationClient;
import io.catalogkit.tokens.atlan.AtlanClient;
import io.catalogkit.tokens.datahub.AccessTokenDuration;
import io.catalogkit.tokens.datahub.DataHubClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * A hostile network for the three clients: each platform's client talks to a proxy that forwards
 * to the platform's fake and then, as a seeded case decides, replaces one answer by a hostile one
 * (truncated or wrongly typed JSON, huge numbers, deep nesting, large bodies, HTML, invalid UTF-8,
 * a wrong {@code Content-Length}, any status 100-599 with an odd {@code Retry-After}, a redirect
 * to another host, secrets echoed in body, headers and content type). One case runs one public
 * operation and checks its outcome; {@link #run(long)} returns what went wrong, naming the seed.
 */
final class Hostile implements AutoCloseable {
    /** What a hostile answer looks like. */
    enum Kind {
        VALID,
        TRUNCATED,
        WRONG_TYPES,
        HUGE_NUMBERS,
        DEEP_NESTING,
        LARGE_BODY,
        HTML,
        INVALID_UTF8,
        CONTENT_LENGTH,
        STATUS,
        REDIRECT,
        ECHO
    }

    static final String P1 = "default/Tq8vNw3LkZp2Rx7Ym4Hc1J";
    static final String P2 = "default/Hk2mPq9XwL4nVz7Rb3Dy8S";
    static final String CONN = "c41d8e02-6b7f-4a93-b1e5-7d0c2f9a8e64";
    static final String COLL = "5b1e0c7a-2f4d-4e8b-9a61-3c0d7e2f1a94";
    static final String ADMIN = "urn:li:corpuser:datahub";
    static final String USERNAME = "jdoe@example.com";
    static final Secret PASSWORD = Secret.of("correct-horse-battery-staple-91");
    static final Secret IMPERSONATION = Secret.of("jdoe-bearer-value-hostile-0001");

    private static final Duration READ_TIMEOUT = Duration.ofMillis(150);
    private static final Pattern SECRET_FIELD =
            Pattern.compile("\"(api_access_token|refresh_token|accessToken)\"\\s*:\\s*\"([^\"]{8,})\"");

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    final FakeAtlan atlan = new FakeAtlan(clock).start();
    final FakeAlation alation = new FakeAlation(clock).start();
    final FakeDataHub hub = new FakeDataHub(clock).start();
    final MockWebServer elsewhere = new MockWebServer();
    final Proxy atlanProxy;
    final Proxy alationProxy;
    final Proxy hubProxy;
    final FakeAtlan.SeededToken target;
    final Secret atlanKey;
    final long userId;
    final Secret ownRefresh;
    final Secret otherRefresh;
    final Secret seededAccess;
    final FakeDataHub.SeededAccessToken hubToken;
    final Secret hubKey;
    final AtlanClient atlanClient;
    final AlationClient alationClient;
    final DataHubClient hubClient;
    final OkHttpClient dataCalls;
    final List<Op> ops = new ArrayList<>();
    /** Every secret any case of this run held or saw minted, to scan the captured log with. */
    final Set<String> allSecrets = Collections.synchronizedSet(new LinkedHashSet<>());

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hostile-case");
        t.setDaemon(true);
        return t;
    });

    /** Figures of a run. */
    int cases;

    int mutated;
    int successes;
    int exceptions;
    int scannedStrings;
    final int[] byKind = new int[Kind.values().length];
    final long[] millisByKind = new long[Kind.values().length];

    /** Kinds a case may draw, each once per weight. */
    private final List<Kind> pool = new ArrayList<>();

    Hostile(Set<Kind> kinds) throws IOException {
        atlan.addPersona(P1, "Data Engineers")
                .addPersona(P2, "Analysts")
                .addUser("jdoe", IMPERSONATION.reveal())
                .addAsset(CONN, "Connection", "default/snowflake/1735689600", "prod-snowflake")
                .setAdminUsers(CONN, "jdoe")
                .allowWrite(CONN, "jdoe")
                .addAsset(COLL, "Collection", "default/collection/jdoe/5b1e0c7a", "queries")
                .setAdminUsers(COLL, "jdoe")
                .allowWrite(COLL, "jdoe");
        atlanKey = atlan.addApiToken("catalogkit-admin").secret();
        target = atlan.addApiToken("hostile-target", "", Set.of(P1), 157_680_000L);
        atlan.markSeeded();
        userId = alation.addUser(USERNAME, PASSWORD.reveal()).id();
        ownRefresh = alation.addRefreshToken(userId, "client-own").secret();
        otherRefresh = alation.addRefreshToken(userId, "other").secret();
        seededAccess = alation.addAccessToken(otherRefresh).secret();
        alation.markSeeded();
        hub.addAdmin(ADMIN);
        hubKey = hub.addAccessToken(ADMIN).secret();
        hubToken = hub.addAccessToken(ADMIN);
        hub.markSeeded();
        elsewhere.start(InetAddress.getLoopbackAddress(), 0);
        atlanProxy = new Proxy(atlan.baseUrl());
        alationProxy = new Proxy(alation.baseUrl());
        hubProxy = new Proxy(hub.baseUrl());
        atlanClient =
                impatient(AtlanClient.builder().apiKey(atlanKey), atlanProxy).build();
        alationClient = impatient(AlationClient.builder().refreshToken(ownRefresh, userId), alationProxy)
                .build();
        hubClient = impatient(DataHubClient.builder().token(hubKey), hubProxy).build();
        dataCalls = new OkHttpClient.Builder()
                .addInterceptor(alationClient.authInterceptor())
                .readTimeout(READ_TIMEOUT)
                .callTimeout(Duration.ofSeconds(5))
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        defineOps();
        for (Kind k : kinds) {
            int weight = switch (k) {
                case STATUS, WRONG_TYPES, TRUNCATED, ECHO -> 8;
                case VALID, HUGE_NUMBERS, REDIRECT, HTML, INVALID_UTF8 -> 4;
                case DEEP_NESTING, LARGE_BODY -> 2;
                case CONTENT_LENGTH -> 1;
            };
            pool.addAll(Collections.nCopies(weight, k));
        }
    }

    /** Short timeouts, one retry, no real sleeps: a hostile answer costs little time. */
    private <B extends io.catalogkit.core.ClientBuilder<B>> B impatient(B builder, Proxy proxy) {
        return builder.baseUrl(proxy.url())
                .clock(clock)
                .sleeper(d -> {})
                .readTimeout(READ_TIMEOUT)
                .callTimeout(Duration.ofSeconds(5))
                .maxRetries(1)
                .maxRetryAfter(Duration.ofSeconds(1));
    }

    /** One public operation: its name, its platform's proxy, and the call. */
    record Op(String name, Proxy proxy, Call call, Secret... secrets) {}

    @FunctionalInterface
    interface Call {
        Object run(int caseNumber) throws Exception;
    }

    private void defineOps() {
        var a = atlanClient.apiTokens();
        ops.add(new Op("atlan create", atlanProxy, i -> a.create("hostile-new-" + i, "d", Set.of(P1), null)));
        ops.add(new Op("atlan getById", atlanProxy, i -> a.getById(target.clientId())));
        ops.add(new Op("atlan getByGuid", atlanProxy, i -> a.getByGuid(target.guid())));
        ops.add(new Op("atlan retrieveByName", atlanProxy, i -> a.retrieveByName(target.displayName())));
        ops.add(new Op("atlan list", atlanProxy, i -> a.list(0, 20)));
        ops.add(new Op("atlan update", atlanProxy, i -> a.update(target.guid(), "renamed", "d", Set.of(P1, P2))));
        ops.add(new Op("atlan link", atlanProxy, i -> a.linkPersonas(target.guid(), Set.of(P2))));
        ops.add(new Op("atlan unlink", atlanProxy, i -> a.unlinkPersonas(target.guid(), Set.of(P1))));
        ops.add(new Op("atlan purge", atlanProxy, i -> {
            a.purge(target.guid());
            return null;
        }));
        ops.add(new Op(
                "atlan addAsAdmin",
                atlanProxy,
                i -> {
                    a.addApiTokenAsAdmin(CONN, IMPERSONATION);
                    return null;
                },
                IMPERSONATION));
        ops.add(new Op(
                "atlan addAsViewer",
                atlanProxy,
                i -> {
                    a.addApiTokenAsViewer(COLL, IMPERSONATION);
                    return null;
                },
                IMPERSONATION));
        var r = alationClient.refreshTokens();
        var t = alationClient.accessTokens();
        ops.add(new Op(
                "alation createRefreshToken", alationProxy, i -> r.create(USERNAME, PASSWORD, "n" + i), PASSWORD));
        ops.add(new Op(
                "alation validateRefreshToken", alationProxy, i -> r.validate(otherRefresh, userId), otherRefresh));
        ops.add(new Op(
                "alation regenerateRefreshToken", alationProxy, i -> r.regenerate(otherRefresh, userId), otherRefresh));
        ops.add(new Op(
                "alation createAPIAccessToken", alationProxy, i -> t.create(otherRefresh, userId), otherRefresh));
        ops.add(new Op(
                "alation validateAccessToken", alationProxy, i -> t.validate(seededAccess, userId), seededAccess));
        ops.add(new Op(
                "alation revokeAccessTokens",
                alationProxy,
                i -> {
                    t.revokeAll(otherRefresh, userId);
                    return null;
                },
                otherRefresh));
        ops.add(new Op("alation data call (authInterceptor)", alationProxy, i -> {
            Request req = new Request.Builder()
                    .url(alationProxy.url() + FakeAlation.TABLES)
                    .build();
            try (Response resp = dataCalls.newCall(req).execute()) {
                return "HTTP " + resp.code();
            }
        }));
        var d = hubClient.accessTokens();
        ops.add(new Op("datahub create", hubProxy, i -> d.create(ADMIN, AccessTokenDuration.ONE_HOUR, "n" + i, "d")));
        ops.add(new Op("datahub list", hubProxy, i -> d.list(0, 10, ADMIN)));
        ops.add(new Op("datahub revoke", hubProxy, i -> d.revoke(hubToken.id())));
        ops.add(new Op("datahub getMetadata", hubProxy, i -> d.getMetadata(hubToken.secret()), hubToken.secret()));
    }

    /**
     * The secrets the operation's client surely holds when the case starts: its own credential (for
     * Alation also the access token it keeps), and the secrets of the call. Nothing carried over
     * from another case, so that a case replays alone.
     */
    Set<String> heldSecrets(Op op) {
        Set<String> s = new LinkedHashSet<>();
        Secret own = op.proxy() == atlanProxy ? atlanKey : op.proxy() == alationProxy ? ownRefresh : hubKey;
        s.add(own.reveal());
        for (Secret x : op.secrets()) {
            s.add(x.reveal());
        }
        if (op.proxy() == alationProxy && current == null) {
            try {
                s.add(alationClient.currentAccessToken().reveal());
            } catch (CatalogKitException slowToMint) {
                // None kept now (a cold start may miss the short read timeout); the case still runs.
            }
        }
        return s;
    }

    /** The state of one case, shared with the proxies. */
    final class Case {
        final long seed;
        final Random random;
        final Kind kind;
        final int mutateAt;
        final Set<String> secrets;
        final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        int exchange;
        boolean applied;
        boolean echoedIntoBody;

        Case(long seed, Op op, Kind forced) {
            this.seed = seed;
            this.secrets = Collections.synchronizedSet(heldSecrets(op));
            allSecrets.addAll(secrets);
            this.random = new Random(seed);
            Kind drawn = pool.get(random.nextInt(pool.size()));
            this.kind = forced != null ? forced : drawn;
            this.mutateAt = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        }

        String anySecret() {
            List<String> l = new ArrayList<>(secrets);
            return l.get(random.nextInt(l.size()));
        }
    }

    private volatile Case current;

    /**
     * Runs one seeded case.
     *
     * @param seed the case's seed
     * @return what went wrong, or empty
     */
    Optional<String> run(long seed) throws Exception {
        return run(seed, ops.get(Math.floorMod(new Random(seed ^ 0x5DEECE66DL).nextInt(), ops.size())), null);
    }

    /**
     * Runs one case of a given operation and kind.
     *
     * @param seed the case's seed
     * @param op the operation
     * @param kind the kind of answer, or null to draw it from the seed
     * @return what went wrong, or empty
     */
    Optional<String> run(long seed, Op op, Kind kind) throws Exception {
        Case c = new Case(seed, op, kind);
        if (op.proxy() == atlanProxy) {
            atlan.reset();
        } else if (op.proxy() == alationProxy) {
            alation.reset();
        } else {
            hub.reset();
        }
        int before = elsewhere.getRequestCount();
        current = c;
        cases++;
        byKind[c.kind.ordinal()]++;
        Object result = null;
        Throwable thrown = null;
        long start = System.nanoTime();
        Future<Object> f = runner.submit(() -> op.call().run((int) (seed & 0xffff)));
        try {
            result = f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            thrown = e.getCause();
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of(fail(c, op, "did not end within 30 s (a hang)", null));
        } finally {
            current = null;
            millisByKind[c.kind.ordinal()] += (System.nanoTime() - start) / 1_000_000;
        }
        if (c.applied) {
            mutated++;
        }
        if (elsewhere.getRequestCount() != before) {
            return Optional.of(fail(c, op, "followed a redirect to another host", thrown));
        }
        List<String> texts = new ArrayList<>();
        if (thrown != null) {
            exceptions++;
            boolean allowed = thrown instanceof CatalogKitException
                    || (op.name().contains("authInterceptor") && thrown instanceof IOException);
            if (!allowed) {
                return Optional.of(fail(c, op, "threw " + thrown.getClass().getName(), thrown));
            }
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
            StringWriter w = new StringWriter();
            thrown.printStackTrace(new PrintWriter(w));
            texts.add(w.toString());
        } else {
            successes++;
            Optional<String> invented = invented(c, result);
            if (invented.isPresent()) {
                return Optional.of(fail(c, op, "succeeded with an invented value: " + invented.get(), null));
            }
            if (!c.echoedIntoBody) {
                texts.add(String.valueOf(result));
                modelJson(result).ifPresent(texts::add);
            }
        }
        texts.add(atlanClient.toString());
        texts.add(alationClient.toString());
        texts.add(hubClient.toString());
        scannedStrings += texts.size();
        for (String text : texts) {
            for (String s : c.secrets) {
                if (text.contains(s)) {
                    return Optional.of(fail(c, op, "a secret appeared in: " + text.replace(s, "<SECRET>"), null));
                }
            }
        }
        return Optional.empty();
    }

    private static String fail(Case c, Op op, String what, Throwable t) {
        StringWriter w = new StringWriter();
        if (t != null) {
            t.printStackTrace(new PrintWriter(w));
        }
        return op.name() + " against a " + c.kind + " answer " + what + "; replay with -Dcatalogkit.hostile.seed="
                + c.seed + " -Dcatalogkit.hostile.cases=1" + (t == null ? "" : "\n" + w);
    }

    /**
     * The check against a silent wrong success: every id and secret of a returned model must be a
     * value some answer of this case carried verbatim (or the caller passed in), so catalogkit
     * invents nothing; a {@code true} from revoke needs an answer that said {@code true}.
     */
    private Optional<String> invented(Case c, Object result) {
        List<String> values = new ArrayList<>();
        collect(result, values);
        String all = String.join("\n", c.bodies);
        Set<String> answered = new java.util.HashSet<>();
        synchronized (c.bodies) {
            for (String body : c.bodies) {
                try {
                    collectText(Json.MAPPER.readTree(body), answered);
                } catch (IOException | RuntimeException unreadable) {
                    // Not JSON: only the raw text counts.
                }
            }
        }
        for (String v : values) {
            if (v != null && !v.isEmpty() && !all.contains(v) && !answered.contains(v)) {
                return Optional.of("'" + (c.secrets.contains(v) ? "<SECRET>" : v) + "' is in no answer");
            }
        }
        if (Boolean.TRUE.equals(result) && !all.contains("true")) {
            return Optional.of("true, though no answer said true");
        }
        return Optional.empty();
    }

    private static void collectText(com.fasterxml.jackson.databind.JsonNode n, Set<String> out) {
        if (n == null) {
            return;
        }
        if (n.isValueNode()) {
            out.add(n.asText());
            if (n.isTextual() && n.asText().startsWith("[")) {
                try {
                    collectText(Json.MAPPER.readTree(n.asText()), out);
                } catch (IOException | RuntimeException notJson) {
                    // A plain string.
                }
            }
            return;
        }
        n.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            collectText(e.getValue(), out);
        });
        n.elements().forEachRemaining(e -> collectText(e, out));
    }

    private void collect(Object o, List<String> out) {
        if (o instanceof Optional<?> opt) {
            opt.ifPresent(x -> collect(x, out));
        } else if (o instanceof Page<?> p) {
            p.getItems().forEach(x -> collect(x, out));
        } else if (o instanceof ApiToken t) {
            out.add(t.getGuid());
            out.add(t.getClientId());
            t.getAccessToken().ifPresent(s -> out.add(s.reveal()));
        } else if (o instanceof AccessToken t) {
            t.getId().ifPresent(out::add);
            t.getSecret().ifPresent(s -> out.add(s.reveal()));
        } else if (o instanceof RefreshToken t) {
            t.getSecret().ifPresent(s -> out.add(s.reveal()));
        }
    }

    private static Optional<String> modelJson(Object o) {
        Object model = o instanceof Optional<?> opt ? opt.orElse(null) : o;
        if (model instanceof ApiToken || model instanceof AccessToken || model instanceof RefreshToken) {
            try {
                return Optional.of(Json.MAPPER.writeValueAsString(model));
            } catch (IOException e) {
                return Optional.of(e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        runner.shutdownNow();
        dataCalls.dispatcher().executorService().shutdown();
        atlanClient.close();
        alationClient.close();
        hubClient.close();
        atlanProxy.stop();
        alationProxy.stop();
        hubProxy.stop();
        elsewhere.close();
        atlan.close();
        alation.close();
        hub.close();
    }

    /** Forwards to a fake and, once per case, answers with something hostile instead. */
    final class Proxy extends Dispatcher {
        private final MockWebServer server = new MockWebServer();
        private final String target;
        private final OkHttpClient http = new OkHttpClient.Builder()
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();

        Proxy(String target) throws IOException {
            this.target = target;
            server.setDispatcher(this);
            server.start(InetAddress.getLoopbackAddress(), 0);
        }

        String url() {
            return "http://127.0.0.1:" + server.getPort();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Case c = current;
            int status;
            Headers headers;
            byte[] body;
            Request.Builder b = new Request.Builder().url(target + request.getTarget());
            for (String name : request.getHeaders().names()) {
                if (!name.equalsIgnoreCase("Host")
                        && !name.equalsIgnoreCase("Content-Length")
                        && !name.equalsIgnoreCase("Accept-Encoding")
                        && !name.equalsIgnoreCase("Connection")) {
                    b.header(name, request.getHeaders().get(name));
                }
            }
            String method = request.getMethod();
            RequestBody rb = null;
            if (request.getBody() != null && !method.equals("GET") && !method.equals("HEAD")) {
                String ct = request.getHeaders().get("Content-Type");
                rb = RequestBody.create(request.getBody().toByteArray(), ct == null ? null : MediaType.parse(ct));
            } else if (method.equals("POST") || method.equals("PUT")) {
                rb = RequestBody.create(new byte[0], null);
            }
            b.method(method, rb);
            try (Response r = http.newCall(b.build()).execute()) {
                status = r.code();
                headers = r.headers();
                body = r.body().bytes();
            } catch (IOException e) {
                return new MockResponse.Builder().code(502).body("proxy: " + e).build();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (c == null) {
                return plain(status, headers, text);
            }
            int n;
            synchronized (c) {
                n = c.exchange++;
            }
            if (n != c.mutateAt || c.kind == Kind.VALID) {
                // A secret minted in this case must not reach the log either.
                Matcher m = SECRET_FIELD.matcher(text);
                while (m.find()) {
                    allSecrets.add(m.group(2));
                }
                c.bodies.add(text);
                return plain(status, headers, text);
            }
            c.applied = true;
            return mutate(c, status, headers, text);
        }

        private MockResponse plain(int status, Headers headers, String text) {
            MockResponse.Builder out = new MockResponse.Builder().code(status);
            String ct = headers.get("Content-Type");
            if (ct != null) {
                out.setHeader("Content-Type", ct);
            }
            return out.body(text).build();
        }

        private MockResponse mutate(Case c, int status, Headers headers, String text) {
            Random r = c.random;
            MockResponse.Builder out = new MockResponse.Builder().code(status);
            String ct = headers.get("Content-Type");
            out.setHeader("Content-Type", ct == null ? "application/json" : ct);
            String body = text;
            switch (c.kind) {
                case TRUNCATED -> body = text.isEmpty() ? "{" : text.substring(0, r.nextInt(text.length()));
                case WRONG_TYPES -> body = Mutations.retype(text, r);
                case HUGE_NUMBERS -> body = Mutations.hugeNumbers(text, r);
                case DEEP_NESTING -> body = Mutations.deep(r);
                case LARGE_BODY -> {
                    int mb = r.nextInt(200) == 0 ? 20 : 1 + r.nextInt(2);
                    Buffer big = Mutations.large(text, mb, r);
                    c.bodies.add(text);
                    return out.body(big).build();
                }
                case HTML -> {
                    out.setHeader("Content-Type", r.nextBoolean() ? "text/html; charset=utf-8" : "application/json");
                    body = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\">"
                            + "</form></body></html>";
                }
                case INVALID_UTF8 -> {
                    Buffer buf = Mutations.invalidUtf8(text, r);
                    // Values outside the broken bytes are still the answer's own.
                    c.bodies.add(text);
                    return out.body(buf).build();
                }
                case CONTENT_LENGTH -> {
                    String[] lengths = {
                        String.valueOf(text.length() + 1 + r.nextInt(1000)),
                        String.valueOf(Math.max(0, text.length() - 1 - r.nextInt(Math.max(1, text.length())))),
                        "-1",
                        "abc",
                        "99999999999999999999"
                    };
                    c.bodies.add(text);
                    return out.body(text)
                            .addHeaderLenient("Content-Length", lengths[r.nextInt(lengths.length)])
                            .build();
                }
                case STATUS -> {
                    int code = r.nextInt(10) == 0 ? 100 + r.nextInt(100) : 200 + r.nextInt(400);
                    out.code(code);
                    String[] retryAfter = {
                        null,
                        "0",
                        "-1",
                        "1",
                        "abc",
                        "99999999999999999999",
                        "1.5",
                        "Wed, 21 Oct 2015 07:28:00 GMT",
                        "Fri, 31 Dec 9999 23:59:59 GMT",
                        "\u00e9",
                        "3600"
                    };
                    String ra = retryAfter[r.nextInt(retryAfter.length)];
                    if (ra != null) {
                        out.addHeaderLenient("Retry-After", ra);
                    }
                    if (r.nextBoolean()) {
                        body = "{\"message\":\"" + c.anySecret() + "\\n[ERROR] forged line\",\"errorCode\":\""
                                + c.anySecret() + "\",\"detail\":\"" + c.anySecret() + "\",\"errors\":[{\"message\":\""
                                + c.anySecret() + "\"}]}";
                    }
                    if (code >= 300 && code < 400) {
                        out.setHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/stolen");
                    }
                    if (code < 200 || code == 204 || code == 304) {
                        body = "";
                    }
                }
                case REDIRECT -> {
                    int[] codes = {301, 302, 303, 307, 308};
                    out.code(codes[r.nextInt(codes.length)]);
                    out.setHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/stolen?k=" + c.anySecret());
                }
                case ECHO -> {
                    String s = c.anySecret();
                    String forged = s + "\n[ERROR] forged \u001b[31m\u202e";
                    out.setHeader("Content-Type", "application/json; charset=" + s);
                    out.setHeader("X-Request-Id", s);
                    out.setHeader("X-Atlan-Request-Id", s);
                    out.setHeader("X-Amzn-RequestId", s);
                    out.setHeader("X-Echo", s);
                    if (r.nextBoolean()) {
                        body = Mutations.echo(text, forged, r);
                        c.echoedIntoBody = true;
                    } else if (r.nextBoolean()) {
                        out.code(400 + r.nextInt(200));
                        body = "{\"message\":\"" + Mutations.jsonString(forged) + "\",\"errorCode\":\"" + s
                                + "\",\"code\":\"" + s + "\",\"detail\":\"" + s + "\",\"requestId\":\"" + s
                                + "\",\"errors\":[{\"message\":\"" + s + "\",\"extensions\":{\"code\":500}}]}";
                    } else {
                        out.setHeader("Content-Type", "text/plain; x=" + s);
                    }
                }
                default -> {}
            }
            c.bodies.add(body);
            return out.body(body).build();
        }

        void stop() throws IOException {
            server.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
