package io.catalogkit.tokens.internal;

import io.catalogkit.core.internal.ApiRequest;

/** Hints shared by the three platforms' calls. */
public final class Hints {
    private Hints() {}

    /**
     * Hints for a call that is not safe to repeat: a 5xx answer does not prove that nothing
     * happened (a proxy may answer 502/504 after the server acted), so the hint says to look
     * before trying again, never just to try again.
     *
     * @param base the call's own hints, asked first
     * @param lookFirst what to check before trying again
     * @return the hints
     */
    public static ApiRequest.ErrorHints mayHaveActed(ApiRequest.ErrorHints base, String lookFirst) {
        return (status, code) -> {
            String hint = base.hint(status, code);
            if (hint != null || status < 500 || status > 599) {
                return hint;
            }
            return "The server failed, but it may have acted on the request before failing: do not simply"
                    + " try again. " + lookFirst;
        };
    }
}
