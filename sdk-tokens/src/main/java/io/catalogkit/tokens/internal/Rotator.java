package io.catalogkit.tokens.internal;

import io.catalogkit.core.CatalogKitException;
import io.catalogkit.core.Secret;
import io.catalogkit.core.ServerException;
import io.catalogkit.core.Sleeper;
import io.catalogkit.core.TransportException;
import io.catalogkit.core.internal.Args;
import io.catalogkit.core.internal.Redactor;
import io.catalogkit.tokens.Platform;
import io.catalogkit.tokens.Rotation;
import io.catalogkit.tokens.RotationException;
import io.catalogkit.tokens.SecretSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs one rotation and keeps its steps: the replace-then-revoke order Atlan and DataHub share
 * ({@link #replace}), and the failure messages all three platforms share. Each step is in words,
 * never with a secret. Not thread-safe: one instance per rotation.
 */
public final class Rotator {
    private static final int STEP_MAX = 2000;

    private final Platform platform;
    private final String operation;
    private final List<String> steps = new ArrayList<>();
    private final List<Secret> scrub = new ArrayList<>();
    private String doing = "starting";

    /**
     * Starts a rotation.
     *
     * @param platform the platform
     * @param operation what is rotated, for messages, e.g. {@code Atlan rotate API token 3f9c...}
     */
    public Rotator(Platform platform, String operation) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /**
     * Says what is about to be done, for the message if it fails.
     *
     * @param what e.g. {@code "verifying the replacement's secret"}
     */
    public void doing(String what) {
        this.doing = escaped(what);
    }

    /**
     * Records a step that was done.
     *
     * @param step what was done, without secrets
     */
    public void done(String step) {
        steps.add(escaped(step));
    }

    /** Steps and messages quote server text (names, asset names): control characters are escaped. */
    private static String escaped(String text) {
        return Redactor.clean(text, List.of(), STEP_MAX);
    }

    /**
     * The steps so far.
     *
     * @return a copy
     */
    public List<String> steps() {
        return List.copyOf(steps);
    }

    /**
     * Runs a step that changes nothing; if it fails, the rotation stops with nothing changed.
     *
     * @param what what the step does, e.g. {@code "reading the old token"}
     * @param step the step
     * @param <R> what it gives
     * @return what it gave
     * @throws io.catalogkit.tokens.RotationException when it failed
     */
    public <R> R unchangedIfFails(String what, Supplier<R> step) {
        doing(what);
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw unchanged(e);
        }
    }

    /**
     * Checks the arguments every rotation takes.
     *
     * @param id the old token's id or GUID
     * @param name the argument's name
     * @param sink the sink
     */
    public static void requireArguments(String id, String name, SecretSink sink) {
        Args.id(id, name);
        Args.notNull(sink, "sink");
    }

    /**
     * A failure before anything was changed.
     *
     * @param cause the failure
     * @return the exception to throw
     */
    public RotationException unchanged(Throwable cause) {
        return fail(doing + " failed, so nothing was changed: the old token is untouched.", true, null, cause);
    }

    /**
     * A failure described by the caller.
     *
     * @param state what failed, which token works now and what to do
     * @param oldUntouched whether the old token is as it was
     * @param validSecret the only secret that works now, or null
     * @param cause the failure
     * @return the exception to throw
     */
    public RotationException fail(String state, boolean oldUntouched, Secret validSecret, Throwable cause) {
        return new RotationException(
                platform,
                operation + ": " + escaped(state) + " Cause: " + describe(cause),
                oldUntouched,
                steps,
                validSecret,
                echoesSecret(cause) ? redacted(cause) : cause);
    }

    /** Whether a failure (a sink's, say) or one of its causes quotes a secret this rotation handled. */
    private boolean echoesSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && scrub.stream().anyMatch(s -> message.contains(s.reveal()))) {
                return true;
            }
        }
        return false;
    }

    /** The failure with the secret cut out of its message, where it happened; its own causes are dropped. */
    private CatalogKitException redacted(Throwable e) {
        CatalogKitException copy = new CatalogKitException(describe(e) + " (message redacted by catalogkit)");
        copy.setStackTrace(e.getStackTrace());
        for (Throwable suppressed : e.getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }

    /**
     * Hands a secret to the sink, as a step.
     *
     * @param sink the sink
     * @param secret the secret
     * @throws Exception whatever the sink threw
     */
    public void store(SecretSink sink, Secret secret) throws Exception {
        doing("storing the replacement's secret in the sink");
        scrub.add(secret);
        sink.store(secret);
        done("the sink stored the replacement's secret");
    }

    /**
     * What a platform does in a replace-then-revoke rotation.
     *
     * @param <T> the token type
     */
    public interface Replace<T> {
        /**
         * Creates the replacement.
         *
         * @return the replacement, with its secret
         */
        T create();

        /**
         * Names a token for steps and messages, without its secret.
         *
         * @param token the token
         * @return e.g. {@code API token 3f9c... ('nightly-sync')}
         */
        String describe(T token);

        /**
         * The replacement's secret.
         *
         * @param replacement the replacement
         * @return its secret
         */
        Secret secret(T replacement);

        /**
         * Makes the replacement ready before its secret is handed out: verifies it, and grants it
         * what it must have. Says what it does with {@link Rotator#doing} and {@link Rotator#done}.
         *
         * @param replacement the replacement
         * @param rotator the rotation, for its steps
         */
        void prepare(T replacement, Rotator rotator);

        /**
         * Removes the replacement again.
         *
         * @param replacement the replacement
         */
        void remove(T replacement);

        /**
         * Revokes the old token.
         *
         * @return true when revoked now, false when it was gone already
         */
        boolean revokeOld();

        /**
         * What to do when the old token could not be revoked, e.g. the call that revokes it.
         *
         * @return advice, without secrets
         */
        String revokeOldAdvice();

        /**
         * What to do when creating may have made a replacement nobody knows of.
         *
         * @return advice, without secrets
         */
        String strayAdvice();

        /**
         * Whether the client running the rotation authenticates as the old token, asked after the sink
         * stored the new secret and before the old token is revoked (while the old one still works).
         *
         * @return true when it does; then it is switched to the replacement once the old token is revoked
         */
        default boolean clientIsOld() {
            return false;
        }

        /**
         * Switches the client running the rotation to the replacement's secret.
         *
         * @param replacement the replacement
         */
        default void switchClient(T replacement) {}
    }

    /**
     * Creates a replacement, prepares it, hands its secret to the sink, and revokes the old token.
     * Before the sink has stored the secret, a failure removes the replacement again and throws,
     * leaving the old token untouched. After that, a failure to revoke the old token is returned as
     * a {@link Rotation} whose old token is not revoked, with steps that say what to do.
     *
     * @param old the token to rotate
     * @param plan the platform's part
     * @param sink where the new secret goes
     * @param <T> the token type
     * @return the rotation
     * @throws RotationException when it failed before the sink stored the secret
     */
    public <T> Rotation<T> replace(T old, Replace<T> plan, SecretSink sink) {
        return replace(old, plan, sink, Duration.ZERO, Sleeper.system());
    }

    /**
     * Rotates as {@link #replace(Object, Replace, SecretSink)} does, and keeps the old token valid for
     * {@code grace} after the sink stored the new secret before revoking it, so that every reader of
     * the store can pick the new one up first. When the waiting thread is interrupted during the grace
     * period, the old token is not revoked (its readers may not have the new secret yet): the rotation
     * is returned with {@code Rotation.isOldRevoked()} false, steps that say what to do, and the
     * thread's interrupt flag set.
     *
     * @param old the token to rotate
     * @param plan the platform's part
     * @param sink where the new secret goes
     * @param grace how long both tokens stay valid after the sink returned; zero for none
     * @param sleeper waits the grace period
     * @param <T> the token type
     * @return the rotation
     * @throws RotationException when it failed before the sink stored the secret
     */
    public <T> Rotation<T> replace(T old, Replace<T> plan, SecretSink sink, Duration grace, Sleeper sleeper) {
        doing("creating the replacement");
        T replacement;
        try {
            replacement = plan.create();
        } catch (RuntimeException e) {
            if (mayHaveActed(e)) {
                throw fail(
                        "creating the replacement failed without a clear answer, so one may have been created anyway;"
                                + " the old token is untouched. " + plan.strayAdvice(),
                        true,
                        null,
                        e);
            }
            throw unchanged(e);
        }
        done("created the replacement " + plan.describe(replacement));
        try {
            plan.prepare(replacement, this);
            store(sink, plan.secret(replacement));
        } catch (Exception e) {
            String failed = doing + " failed; ";
            try {
                plan.remove(replacement);
                done("removed the replacement " + plan.describe(replacement) + " again");
            } catch (RuntimeException removal) {
                e.addSuppressed(removal);
                throw fail(
                        failed + "removing the replacement " + plan.describe(replacement) + " failed too ("
                                + describe(removal) + "): remove it by hand. The old token is untouched.",
                        true,
                        null,
                        e);
            }
            throw fail(
                    failed + "the replacement " + plan.describe(replacement)
                            + " was removed again and the old token is untouched.",
                    true,
                    null,
                    e);
        }
        boolean switchClient;
        try {
            switchClient = plan.clientIsOld();
        } catch (RuntimeException e) {
            switchClient = false;
            done("could not tell whether this client authenticates as the old token (" + describe(e) + "); it"
                    + " keeps its credential");
        }
        if (!grace.isZero()) {
            doing("waiting " + human(grace) + " before revoking the old token");
            try {
                sleeper.sleep(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done("interrupted while waiting the grace period of " + human(grace) + ": the old "
                        + plan.describe(old) + " was NOT revoked, so that no reader of the store that still holds"
                        + " it fails; both tokens work now. The replacement's secret is in the sink; "
                        + plan.revokeOldAdvice());
                return Rotation.<T>builder()
                        .old(old)
                        .replacement(replacement)
                        .oldRevoked(false)
                        .steps(steps)
                        .build();
            }
            done("kept the old token valid for a grace period of " + human(grace) + " after the sink stored the"
                    + " new secret, so that every reader of the store could pick it up");
        }
        doing("revoking the old token");
        boolean revoked;
        try {
            revoked = plan.revokeOld();
            done(
                    revoked
                            ? "revoked the old " + plan.describe(old)
                            : "the old " + plan.describe(old) + " was gone already");
            revoked = true;
        } catch (RuntimeException e) {
            done("revoking the old " + plan.describe(old) + " failed (" + describe(e) + "): both tokens work now."
                    + " The replacement's secret is in the sink; " + plan.revokeOldAdvice());
            revoked = false;
        }
        if (switchClient) {
            plan.switchClient(replacement);
            done("this client authenticated as the old token and now uses the replacement's secret");
        }
        return Rotation.<T>builder()
                .old(old)
                .replacement(replacement)
                .oldRevoked(revoked)
                .steps(steps)
                .build();
    }

    /**
     * Whether a failed call that changes something may have changed it anyway: no answer after the
     * request may have reached the server, or a 5xx.
     *
     * @param e the failure
     * @return true when the change may have happened
     */
    public static boolean mayHaveActed(RuntimeException e) {
        return (e instanceof TransportException t && t.mayHaveReachedServer()) || e instanceof ServerException;
    }

    /**
     * Describes a failure in one line, with the secrets this rotation handed to its sink cut out.
     *
     * @param e the failure
     * @return the description
     */
    public String describe(Throwable e) {
        return Failures.describe(e, scrub);
    }

    /**
     * A duration as a person reads it: {@code 90 s}, {@code 5 min}, {@code 2 h 30 min}.
     *
     * @param d the duration
     * @return the text
     */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s == 0 ? d.toMillis() + " ms" : s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    /**
     * Checks a grace period argument.
     *
     * @param grace the grace period
     * @return it
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when negative
     */
    public static Duration checkGrace(Duration grace) {
        java.util.Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return grace;
    }
}
