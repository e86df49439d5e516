package io.catalogkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: every test gets a fake of its own, closed after it. */
class FakeExtensionPerTestTest {
    private static final String ADMIN = "urn:li:corpuser:datahub";
    private static final List<FakeDataHub> EARLIER = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final FakeExtension<FakeDataHub> hub =
            FakeExtension.of(FakeDataHub::new).seed(fake -> fake.addAdmin(ADMIN).addAccessToken(ADMIN));

    @RepeatedTest(3)
    void eachTestGetsAFreshSeededFake(FakeDataHub fake) {
        assertThat(hub.fake()).isSameAs(fake);
        assertThat(fake.tokenIds())
                .as("only the seeded token, none from an earlier test")
                .hasSize(1);
        fake.addAccessToken(ADMIN);
        for (FakeDataHub earlier : EARLIER) {
            assertThat(earlier).isNotSameAs(fake);
            assertThat(earlier.isClosed()).isTrue();
        }
        assertThat(fake.isClosed()).isFalse();
        EARLIER.add(fake);
    }
}
