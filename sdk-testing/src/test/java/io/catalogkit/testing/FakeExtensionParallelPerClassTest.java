package io.catalogkit.testing;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs beside {@link FakeExtensionParallelPerTestTest} and the other concurrent classes, with a
 * fake of its own for the class; its own tests take turns, since they share that fake.
 */
@Execution(ExecutionMode.CONCURRENT)
class FakeExtensionParallelPerClassTest {
    static final String USER = "per-class@example.com";

    @RegisterExtension
    static final FakeExtension<FakeAlation> ALATION =
            FakeExtension.of(FakeAlation::new).seed(fake -> fake.addUser(USER, "pw"));

    @RepeatedTest(20)
    @Execution(ExecutionMode.SAME_THREAD)
    void seesOnlyItsOwnUsersTokensAndRequests(FakeAlation fake) {
        ParallelFakes.mintAndCheckIsolation(fake, USER);
    }
}
