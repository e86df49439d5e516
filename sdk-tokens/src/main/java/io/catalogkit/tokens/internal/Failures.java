package io.catalogkit.tokens.internal;

import io.catalogkit.core.Secret;
import java.util.List;

/** Failures in one line, for messages and reports. */
public final class Failures {
    private Failures() {}

    /**
     * Describes a failure in one line: its type and message. catalogkit's own messages hold no
     * secrets; for anyone else's code (a sink), the secrets it might echo are cut out.
     *
     * @param e the failure
     * @param scrub secrets to cut out of the message
     * @return e.g. {@code ServerException: Atlan purge API token answered 503 ...}
     */
    public static String describe(Throwable e, List<Secret> scrub) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        for (Secret s : scrub) {
            message = message.replace(s.reveal(), Secret.REDACTED);
        }
        return e.getClass().getSimpleName() + ": " + message;
    }
}
