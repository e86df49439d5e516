package io.catalogkit.core.internal;

import io.catalogkit.core.ApiException;
import io.catalogkit.core.CallListener;
import io.catalogkit.core.MalformedResponseException;
import io.catalogkit.core.TransportException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells a client's {@link CallListener} that an operation started and how it ended: its outcome,
 * last status, attempts, duration and the failure's type. Costs nothing when no listener is set.
 * Thread-safe; one per client.
 */
final class CallTracker {
    private static final int MAX_OPERATION_NAMES = 64;

    private final CallListener listener;
    private final String platform;
    /** The operations' metric names, made once per operation text (a bounded set of constants). */
    private final ConcurrentMap<String, String> metricNames = new ConcurrentHashMap<>();

    CallTracker(CallListener listener, String platform) {
        this.listener = Listeners.guard(listener);
        this.platform = Listeners.platform(platform);
    }

    /** Tells the listener an operation starts; null (nothing to track) when there is no listener. */
    RetryingSender.Progress start(ApiRequest request) {
        if (listener == null) {
            return null;
        }
        String name = metricNames.get(request.operation);
        if (name == null) {
            name = Listeners.operation(request.operation);
            if (metricNames.size() < MAX_OPERATION_NAMES) {
                metricNames.put(request.operation, name);
            }
        }
        RetryingSender.Progress p = new RetryingSender.Progress(listener, new CallListener.Call(platform, name));
        listener.callStarted(p.call);
        return p;
    }

    /** Tells the listener how the operation ended: {@code failure} is null on success. */
    void end(RetryingSender.Progress p, Throwable failure) {
        if (p == null) {
            return;
        }
        int status = p.lastStatus;
        if (failure instanceof ApiException api && status == 0) {
            status = api.statusCode();
        }
        listener.callEnded(
                p.call,
                new CallListener.Result(
                        outcome(status, failure),
                        status == 0 ? CallListener.Result.IO_ERROR : String.valueOf(status),
                        p.attempts,
                        Duration.ofNanos(System.nanoTime() - p.start),
                        failure == null
                                ? CallListener.Result.NONE
                                : failure.getClass().getSimpleName()));
    }

    private static CallListener.Outcome outcome(int status, Throwable failure) {
        if (status == 0 || failure instanceof MalformedResponseException || failure instanceof TransportException) {
            return CallListener.Outcome.UNKNOWN;
        } else if (status >= 500) {
            return CallListener.Outcome.SERVER_ERROR;
        } else if (status >= 400) {
            return CallListener.Outcome.CLIENT_ERROR;
        }
        return failure == null ? CallListener.Outcome.SUCCESS : CallListener.Outcome.UNKNOWN;
    }
}
