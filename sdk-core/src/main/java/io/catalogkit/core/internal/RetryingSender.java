package io.catalogkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.ClientOptions;
import io.catalogkit.core.Secret;
import io.catalogkit.core.TransportException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place anything is sent again: sends the attempts of one operation through the {@link
 * HttpSender}, within the operation's time budget, and decides after each whether to wait and send
 * again ({@link RetryPolicy}), to send once more with a credential read anew from its store (a 401
 * for a {@link HeldCredential}: not counted as a retry), or to give up ({@link ErrorMapper}). One
 * DEBUG line per attempt, never a value. Thread-safe; one per client.
 */
final class RetryingSender {
    private static final Logger LOG = LoggerFactory.getLogger("io.catalogkit.http");
    /** How many times one operation sends again after reading a refused credential's store anew. */
    private static final int MAX_REREADS = 3;

    private final ClientOptions options;
    private final String platform;
    private final RequestFactory requests;
    private final HttpSender sender;
    private final RetryPolicy policy;
    private final ErrorMapper errors;
    private final ErrorParser parser;
    private final BooleanSupplier closed;

    RetryingSender(
            ClientOptions options,
            String platform,
            RequestFactory requests,
            HttpSender sender,
            ErrorMapper errors,
            ErrorParser parser,
            BooleanSupplier closed) {
        this.options = options;
        this.platform = platform;
        this.requests = requests;
        this.sender = sender;
        this.policy = new RetryPolicy(options);
        this.errors = errors;
        this.parser = parser;
        this.closed = closed;
    }

    /**
     * A 2xx (with its raw answer) or a status accepted as done (raw null). When a retry test read
     * the answer, {@code parsed} is true, the body is consumed, and its JSON is in {@code tree} (null
     * for a blank body) or what it failed to be in {@code unreadable}.
     */
    record Result(
            HttpSender.Raw raw,
            boolean parsed,
            JsonNode tree,
            String unreadable,
            int status,
            String path,
            String contentType,
            String requestId,
            Credentials creds) {}

    /** What a listener is told about one operation, updated as its attempts go. */
    static final class Progress {
        final CallListener listener;
        final CallListener.Call call;
        final long start = System.nanoTime();
        int attempts;
        int lastStatus;

        Progress(CallListener listener, CallListener.Call call) {
            this.listener = listener;
            this.call = call;
        }
    }

    Result execute(ApiRequest request, Credentials clientCredentials, Progress progress) {
        long start = System.nanoTime();
        long budget = budgetNanos(request);
        HttpUrl url = requests.url(request);
        String path = url.encodedPath();
        String requestId = RequestFactory.newRequestId();
        Credentials creds = request.credentials != null ? request.credentials : clientCredentials;
        RequestBody body = requests.body(request);
        int readTimeout = request.timeout == null ? 0 : (int) Math.min(request.timeout.toMillis(), Integer.MAX_VALUE);
        boolean outcomeUnknown = false;
        int rereads = 0;
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            long remaining = budget - (System.nanoTime() - start);
            if (remaining <= 0) {
                throw errors.transportFailure(request, path, null, outcomeUnknown, attempt - 1);
            }
            Attempt state = new Attempt(readTimeout);
            Secret[] sentValue = new Secret[1];
            Request http = requests.build(request, url, body, requestId, creds, state, sentValue);
            long sentAt = System.nanoTime();
            if (progress != null) {
                progress.attempts++;
            }
            HttpSender.Raw raw;
            try {
                raw = sender.send(http, state, remaining);
            } catch (HttpSender.Failed f) {
                if (progress != null) {
                    progress.lastStatus = 0;
                }
                log(request, path, 0, f.getCause(), sentAt, attempt);
                boolean mayHaveReached = f.sent() || outcomeUnknown;
                if (Thread.currentThread().isInterrupted()) {
                    throw new TransportException(
                            platform + " " + request.operation + ": " + request.method + " " + path
                                    + " was interrupted",
                            mayHaveReached,
                            f.getCause());
                }
                outcomeUnknown |= RetryPolicy.outcomeUnknown(f.sent(), 0);
                Duration wait = policy.afterFailure(
                        request, attempt, f.getCause(), f.sent(), budget - (System.nanoTime() - start));
                if (wait == null) {
                    throw errors.transportFailure(request, path, f.getCause(), mayHaveReached, attempt);
                }
                sleep(request, path, wait, mayHaveReached, progress, CallListener.Result.IO_ERROR);
                continue;
            }
            int status = raw.status();
            if (progress != null) {
                progress.lastStatus = status;
            }
            log(request, path, status, null, sentAt, attempt);
            if (status >= 200 && status < 300) {
                JsonNode tree = null;
                String unreadable = null;
                boolean parsed = request.retryIfAnswer != null;
                if (parsed) {
                    try {
                        tree = AnswerReader.tree(raw.body());
                    } catch (AnswerReader.Unreadable e) {
                        unreadable = e.getMessage();
                    }
                    if (tree != null && request.retryIfAnswer.test(tree)) {
                        Duration wait =
                                policy.afterNotReadyAnswer(request, attempt, budget - (System.nanoTime() - start));
                        if (wait != null) {
                            sleep(request, path, wait, true, progress, String.valueOf(status));
                            continue;
                        }
                    }
                }
                String id = parser.requestId(raw.headers());
                return new Result(
                        raw,
                        parsed,
                        tree,
                        unreadable,
                        status,
                        path,
                        contentType(raw),
                        id != null ? id : requestId,
                        creds);
            }
            if (outcomeUnknown && status == request.doneIfReplayAnswers) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug(
                            "{} {}: answered {} after an attempt whose outcome is unknown: that attempt did the work",
                            platform,
                            request.operation,
                            status);
                }
                return new Result(null, false, null, null, status, path, contentType(raw), requestId, creds);
            }
            HeldCredential held = creds.held();
            if (status == 401 && sentValue[0] != null && held != null && rereads == MAX_REREADS) {
                throw ErrorMapper.refusedCredential(
                        errors.fromAnswer(request, path, raw, null, requestId, parser, Credentials.secrets(creds)),
                        held.refusedTooOften(MAX_REREADS));
            }
            if (status == 401 && sentValue[0] != null && held != null && rereads < MAX_REREADS) {
                Secret fresh = held.refused(sentValue[0], start + budget);
                if (fresh == null && !held.rereadable()) {
                    throw errors.fromAnswer(request, path, raw, null, requestId, parser, Credentials.secrets(creds));
                }
                if (fresh == null) {
                    throw ErrorMapper.refusedCredential(
                            errors.fromAnswer(request, path, raw, null, requestId, parser, Credentials.secrets(creds)),
                            held.staleSentence());
                }
                // A refused credential means nothing was done: the request goes once more, whatever the
                // operation, and the attempt does not count against maxRetries.
                rereads++;
                attempt--;
                continue;
            }
            Duration retryAfter = policy.retryAfter(raw.retryAfter());
            outcomeUnknown |= RetryPolicy.outcomeUnknown(true, status);
            Duration wait =
                    policy.afterStatus(request, attempt, status, retryAfter, budget - (System.nanoTime() - start));
            if (wait == null) {
                throw errors.fromAnswer(request, path, raw, retryAfter, requestId, parser, Credentials.secrets(creds));
            }
            sleep(request, path, wait, true, progress, String.valueOf(status));
        }
    }

    private void checkOpen() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException(
                    "This " + platform + " client is closed: build a new one (nothing was sent)");
        }
    }

    private long budgetNanos(ApiRequest request) {
        Duration budget = options.callTimeout();
        if (request.timeout != null && !options.callTimeoutSet() && request.timeout.compareTo(budget) > 0) {
            budget = request.timeout;
        }
        return budget.toNanos();
    }

    static String contentType(HttpSender.Raw raw) {
        return raw.headers().get("Content-Type");
    }

    private void sleep(
            ApiRequest request, String path, Duration wait, boolean mayHaveReached, Progress progress, String reason) {
        if (progress != null) {
            progress.listener.retrying(progress.call, reason, wait);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {}: retrying {} {} in {} ms",
                    platform,
                    request.operation,
                    request.method,
                    path,
                    wait.toMillis());
        }
        try {
            options.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(
                    platform + " " + request.operation + ": interrupted while waiting to retry", mayHaveReached, e);
        }
    }

    private void log(ApiRequest request, String path, int status, Exception failure, long startNanos, int attempt) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {}: {} {} -> {} in {} ms (attempt {}/{})",
                    platform,
                    request.operation,
                    request.method,
                    path,
                    failure != null ? failure.getClass().getSimpleName() : String.valueOf(status),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    attempt,
                    policy.maxAttempts());
        }
    }
}
