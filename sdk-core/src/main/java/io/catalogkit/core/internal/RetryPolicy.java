package io.catalogkit.core.internal;

import io.catalogkit.core.ClientOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pipeline's retry stage: the one place that decides whether an attempt is repeated, and after
 * how long. Nothing else in catalogkit, OkHttp included, repeats a request.
 *
 * <ul>
 *   <li>Up to {@code maxRetries} retries, on I/O errors and on 429, 502, 503 and 504; never on a
 *       server certificate the client does not trust.
 *   <li>A status is retried only for a call marked safe to repeat; an I/O error also for any call
 *       whose request surely never left (it failed before it was sent).
 *   <li>The wait is the server's {@code Retry-After} when it gave one (a longer one than {@code
 *       maxRetryAfter} ends the retries: the caller sees the delay asked for), else exponential
 *       backoff with full jitter. Only the server's value is held against {@code maxRetryAfter}.
 *   <li>No wait is started that would not end before the operation's time budget does.
 * </ul>
 *
 * Thread-safe and stateless.
 */
final class RetryPolicy {
    private final int maxRetries;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final Duration maxRetryAfter;
    private final Clock clock;

    RetryPolicy(ClientOptions options) {
        this.maxRetries = options.maxRetries();
        this.initialBackoffMillis = options.initialBackoff().toMillis();
        this.maxBackoffMillis = options.maxBackoff().toMillis();
        this.maxRetryAfter = options.maxRetryAfter();
        this.clock = options.clock();
    }

    /**
     * The most attempts a call may have, for logs.
     *
     * @return {@code maxRetries + 1}, without overflow
     */
    long maxAttempts() {
        return maxRetries + 1L;
    }

    /**
     * After an attempt that ended without an answer.
     *
     * @param request the call
     * @param attempt the attempt that failed, from 1
     * @param sent whether it may have reached the server
     * @param remainingNanos what is left of the operation's budget
     * @return how long to wait before the next attempt, or null to give up
     */
    Duration afterFailure(ApiRequest request, int attempt, boolean sent, long remainingNanos) {
        if ((sent && !request.safeToRetry) || attempt > maxRetries) {
            return null;
        }
        return fitting(backoff(attempt), remainingNanos);
    }

    /**
     * After an attempt that ended without an answer, knowing how it failed: a server certificate
     * the client does not trust is not retried (the next handshake would fail the same way).
     *
     * @param request the call
     * @param attempt the attempt that failed, from 1
     * @param failure what failed
     * @param sent whether it may have reached the server
     * @param remainingNanos what is left of the operation's budget
     * @return how long to wait before the next attempt, or null to give up
     */
    Duration afterFailure(ApiRequest request, int attempt, IOException failure, boolean sent, long remainingNanos) {
        if (ErrorMapper.untrustedCertificate(failure)) {
            return null;
        }
        return afterFailure(request, attempt, sent, remainingNanos);
    }

    /**
     * After an attempt answered with an error status.
     *
     * @param request the call
     * @param attempt the attempt, from 1
     * @param status the status
     * @param retryAfter the delay the server asked for, or null
     * @param remainingNanos what is left of the operation's budget
     * @return how long to wait before the next attempt, or null to give up
     */
    Duration afterStatus(ApiRequest request, int attempt, int status, Duration retryAfter, long remainingNanos) {
        if (!isRetryableStatus(status) || !request.safeToRetry || attempt > maxRetries) {
            return null;
        }
        if (retryAfter != null && retryAfter.compareTo(maxRetryAfter) > 0) {
            return null;
        }
        return fitting(retryAfter != null ? retryAfter : backoff(attempt), remainingNanos);
    }

    /**
     * Whether an attempt may have changed something on the server without the client learning
     * whether it did: it was sent and then lost, or a gateway gave up on it (502, 504). A 429 or 503
     * says the request was not acted on; an error before sending changed nothing.
     *
     * @param sent for an attempt without an answer: whether it was sent
     * @param status the status, or 0 when there was no answer
     * @return true when the outcome is unknown
     */
    /**
     * The wait before repeating a call whose 2xx answer reported that the server was not ready yet
     * (see {@link ApiRequest.Builder#retryIfAnswer}): a passing failure like a 503, repeated only for a
     * call safe to repeat, with backoff, within the budget.
     *
     * @param request the request
     * @param attempt the attempt that just ended, from 1
     * @param remainingNanos what is left of the operation's budget
     * @return the wait, or null to return the answer as it came
     */
    Duration afterNotReadyAnswer(ApiRequest request, int attempt, long remainingNanos) {
        if (!request.safeToRetry || attempt > maxRetries) {
            return null;
        }
        return fitting(backoff(attempt), remainingNanos);
    }

    static boolean outcomeUnknown(boolean sent, int status) {
        return status == 0 ? sent : status == 502 || status == 504;
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    private static Duration fitting(Duration wait, long remainingNanos) {
        return wait.toNanos() < remainingNanos ? wait : null;
    }

    /**
     * A wait before retry {@code attempt}: random between 0 and {@code min(max, initial *
     * 2^(attempt-1))}.
     *
     * @param attempt the attempt that failed, from 1
     * @return the wait
     */
    Duration backoff(int attempt) {
        // both are at most Integer.MAX_VALUE ms, so the shift cannot overflow a long
        long ceiling = Math.min(maxBackoffMillis, initialBackoffMillis << Math.min(attempt - 1, 30));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /**
     * Reads a {@code Retry-After}: delay seconds or an HTTP date, measured on the client's clock.
     *
     * @param header the raw value, may be null
     * @return the delay (zero for a date in the past), or null when absent or not readable
     */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            if (h.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Duration.ofSeconds(Long.parseLong(h));
            }
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
