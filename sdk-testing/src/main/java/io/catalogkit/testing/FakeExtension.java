package io.catalogkit.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a fake, returns it to its seeded state between tests, and closes
 * it; it hands the fake, and clients already pointed at it, to test and lifecycle methods as
 * parameters. JUnit is an optional dependency of sdk-testing: this class is the only one that
 * needs it, and users of other frameworks call {@code start()}, {@code reset()} and {@code close()}
 * themselves.
 *
 * <pre>{@code
 * class NightlyJobTest {
 *     @RegisterExtension
 *     static final FakeExtension<FakeAtlan> ATLAN = FakeExtension.of(FakeAtlan::new)
 *             .seed(atlan -> atlan.addPersona("default/engineers", "Engineers"))
 *             .client(AtlanClient.class, atlan -> AtlanClient.builder()
 *                     .baseUrl(atlan.baseUrl())
 *                     .apiKey(atlan.addApiToken("ci").secret())
 *                     .build());
 *
 *     @Test
 *     void createsItsToken(AtlanClient client, FakeAtlan atlan) {
 *         new NightlyJob(client.apiTokens()).run();
 *         assertThat(atlan.tokenGuids("nightly")).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifecycles.</b> In a {@code static} field the fake starts once for the test class and is
 * closed after its last test; before every test but the first it is {@linkplain FakeServer#reset()
 * reset} to its seeded state. In an instance field each test gets a fake of its own, closed after
 * the test. A per-class fake is shared state: keep that class's tests in one thread (JUnit's
 * default); test classes running in parallel each have their own fake.
 *
 * <p><b>Seeded state.</b> The fake is started, then the {@link #seed(Consumer)} callback runs, then
 * the clients are built (so that credentials their factories seed are part of it); for a per-class
 * fake, whatever the class's {@code @BeforeAll} methods seed is part of it too: it is saved with
 * {@link FakeServer#markSeeded()} when the first test starts. What a test or a {@code @BeforeEach}
 * method adds is gone at the next reset.
 *
 * <p><b>Parameters.</b> A test, {@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll} or
 * {@code @AfterAll} method may declare a parameter of the fake's own class (e.g. {@code FakeAtlan})
 * or of a type registered with {@link #client(Class, Function)}. Why a factory rather than a
 * client found by reflection: sdk-testing does not depend on sdk-tokens, and each platform's client
 * takes different credentials; a factory the test writes keeps the compiler checking it, chooses
 * the credentials, and works as well for a class of your own that wraps a client. Clients live as
 * long as the fake and are closed (when {@link AutoCloseable}) before it. Two extensions of the
 * same fake class in one test class cannot both resolve that class: use {@link #fake()} then.
 *
 * @param <F> the fake's class
 */
public final class FakeExtension<F extends FakeServer<F>>
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final Supplier<? extends F> factory;
    private Consumer<? super F> seed = fake -> {};
    private final Map<Class<?>, Function<? super F, ?>> clientFactories = new LinkedHashMap<>();

    private F fake;
    private final Map<Class<?>, Object> clients = new LinkedHashMap<>();
    private int classLevels;
    private boolean seededStateSaved;

    private FakeExtension(Supplier<? extends F> factory) {
        this.factory = factory;
    }

    /**
     * An extension for the fakes this factory makes, e.g. {@code FakeExtension.of(FakeAtlan::new)}
     * or {@code FakeExtension.of(() -> new FakeAlation(clock))}. Each fake it makes is started by
     * the extension: the factory must not start it.
     *
     * @param factory makes a new, unstarted fake
     * @param <F> the fake's class
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static <F extends FakeServer<F>> FakeExtension<F> of(Supplier<? extends F> factory) {
        return new FakeExtension<>(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Seeds every fake once it is started, before the clients are built: users, tokens, settings.
     * Replaces an earlier callback.
     *
     * @param seeding what to do to the fake
     * @return this extension
     */
    public FakeExtension<F> seed(Consumer<? super F> seeding) {
        this.seed = Objects.requireNonNull(seeding, "seeding");
        return this;
    }

    /**
     * Registers a client to build once the fake is started and seeded, and to hand to methods that
     * declare a parameter of exactly this type.
     *
     * @param type the parameter type, e.g. {@code AtlanClient.class}
     * @param factory builds the client from the started fake, e.g. with its {@code baseUrl()} and a
     *     token it seeds
     * @param <C> the client type
     * @return this extension
     */
    public <C> FakeExtension<F> client(Class<C> type, Function<? super F, ? extends C> factory) {
        clientFactories.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory"));
        return this;
    }

    /**
     * The running fake, e.g. for a field initializer or a helper method.
     *
     * @return the fake
     * @throws IllegalStateException when no fake is running (outside the tests' lifecycle)
     */
    public synchronized F fake() {
        if (fake == null) {
            throw new IllegalStateException("no fake is running: the extension starts one for each test class"
                    + " (static field) or each test (instance field)");
        }
        return fake;
    }

    /**
     * The client of this type built for the running fake.
     *
     * @param type a type registered with {@link #client(Class, Function)}
     * @param <C> the client type
     * @return the client
     * @throws IllegalStateException when no fake is running
     * @throws IllegalArgumentException when the type was not registered
     */
    public synchronized <C> C client(Class<C> type) {
        fake();
        Object client = clients.get(type);
        if (client == null) {
            throw new IllegalArgumentException("no client of type " + type.getName() + " is registered: add .client("
                    + type.getSimpleName() + ".class, fake -> ...)");
        }
        return type.cast(client);
    }

    /**
     * Starts the per-class fake (for a {@code static} field).
     *
     * @param context the test class's context
     */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        // @Nested classes call this again for the same field: the outer class's fake serves them.
        if (classLevels++ == 0) {
            open();
        }
    }

    /**
     * Starts a per-test fake (for an instance field), or returns the per-class fake to its seeded
     * state.
     *
     * @param context the test's context
     */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (fake == null) {
            open();
        } else if (!seededStateSaved) {
            fake.markSeeded();
            seededStateSaved = true;
        } else {
            fake.reset();
        }
    }

    /**
     * Closes a per-test fake and its clients.
     *
     * @param context the test's context
     */
    @Override
    public synchronized void afterEach(ExtensionContext context) throws Exception {
        if (classLevels == 0) {
            shut();
        }
    }

    /**
     * Closes the per-class fake and its clients.
     *
     * @param context the test class's context
     */
    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (classLevels > 0 && --classLevels == 0) {
            shut();
        }
    }

    /**
     * Whether the parameter is the fake's class or a registered client type.
     *
     * @param parameter the parameter
     * @param context the method's context
     * @return true when this extension supplies it
     */
    @Override
    public synchronized boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return fake != null && (type == fake.getClass() || clients.containsKey(type));
    }

    /**
     * The fake, or the client of the parameter's type.
     *
     * @param parameter the parameter
     * @param context the method's context
     * @return the value
     */
    @Override
    public synchronized Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == fake.getClass() ? fake : clients.get(type);
    }

    private void open() {
        F made = Objects.requireNonNull(factory.get(), "the fake factory returned null");
        fake = made.start();
        seededStateSaved = false;
        try {
            seed.accept(made);
            clientFactories.forEach((type, clientFactory) -> clients.put(
                    type,
                    type.cast(Objects.requireNonNull(
                            clientFactory.apply(made),
                            "the client factory for " + type.getName() + " returned null"))));
            made.markSeeded();
        } catch (RuntimeException | Error e) {
            try {
                shut();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void shut() throws Exception {
        List<Object> toClose = new ArrayList<>(clients.values());
        F closing = fake;
        clients.clear();
        fake = null;
        Exception failure = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            if (toClose.get(i) instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    failure = add(failure, e);
                }
            }
        }
        if (closing != null) {
            closing.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception add(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
