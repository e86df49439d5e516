package io.catalogkit.testing;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs beside {@link FakeExtensionParallelPerClassTest}, its tests concurrently too: each test has
 * a fake of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class FakeExtensionParallelPerTestTest {
    static final String USER = "per-test@example.com";

    @RegisterExtension
    final FakeExtension<FakeAlation> alation =
            FakeExtension.of(FakeAlation::new).seed(fake -> fake.addUser(USER, "pw"));

    @RepeatedTest(20)
    void seesOnlyItsOwnUsersTokensAndRequests(FakeAlation fake) {
        ParallelFakes.mintAndCheckIsolation(fake, USER);
    }
}
