package io.catalogkit.tokens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.catalogkit.tokens.internal.Sinks;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {
    private static final JavaClasses TOKENS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.tokens");

    @ParameterizedTest
    @ValueSource(strings = {"atlan", "alation", "datahub"})
    void aPlatformsInternalsAreUsedOnlyByThatPlatform(String platform) {
        String pkg = "io.catalogkit.tokens." + platform;
        classes()
                .that()
                .resideInAPackage(pkg + ".internal..")
                .should()
                .onlyBeAccessed()
                .byAnyPackage(pkg + "..")
                .allowEmptyShould(false)
                .check(TOKENS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"atlan", "alation", "datahub"})
    void platformsDoNotDependOnEachOther(String platform) {
        String[] others = java.util.stream.Stream.of("atlan", "alation", "datahub")
                .filter(p -> !p.equals(platform))
                .map(p -> "io.catalogkit.tokens." + p + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.tokens." + platform + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .allowEmptyShould(false)
                .check(TOKENS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.catalogkit.tokens"})
    void modelsKnowNoPlatform(String models) {
        noClasses()
                .that()
                .resideInAPackage(models)
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "io.catalogkit.tokens.*..", "okhttp3..", "io.catalogkit.core.internal..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Sinks.class))))
                .check(TOKENS);
    }

    /**
     * The one exception to the rule above: {@link SecretSink}'s factories make the sinks {@link
     * Sinks} implements (they run programs through sdk-core's internals); no other model reaches it.
     */
    @org.junit.jupiter.api.Test
    void onlySecretSinkReachesTheSinksItsFactoriesMake() {
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.tokens")
                .and()
                .doNotBelongToAnyOf(SecretSink.class)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Sinks.class)
                .check(TOKENS);
    }

    @org.junit.jupiter.api.Test
    void noOtherModulesInternalsButCores() {
        noClasses()
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.catalogkit..internal..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                                "io.catalogkit.core.internal..", "io.catalogkit.tokens.."))))
                .because("sdk-core's internals are exported to this module only; no other module exports any")
                .check(TOKENS);
    }

    @org.junit.jupiter.api.Test
    void theModuleExportsItsPublicPackagesAndNoInternals() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes"))
                .find("io.catalogkit.tokens")
                .orElseThrow()
                .descriptor();
        assertThat(d.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder(
                        "io.catalogkit.tokens",
                        "io.catalogkit.tokens.atlan",
                        "io.catalogkit.tokens.alation",
                        "io.catalogkit.tokens.datahub",
                        "io.catalogkit.tokens.inventory");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.requires())
                .anyMatch(r -> r.name().equals("io.catalogkit.core")
                        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }

    @Test
    void noInternalClassDependsOnAClient() {
        // A client builds its services; its internals never reach back for it (no import loop; a
        // rotation works through a view of the same transport, not a new client).
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.tokens..internal..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.catalogkit.tokens..")
                        .and(JavaClass.Predicates.simpleNameEndingWith("Client")))
                .check(TOKENS);
    }

    /**
     * One template for the three platforms (docs/ARCHITECTURE.md): in each {@code .internal}, an API
     * class that alone knows the paths or documents and sends, a wire class that writes bodies and
     * reads answers, and the error parser.
     */
    @ParameterizedTest
    @CsvSource({"atlan,Atlan", "alation,Alation", "datahub,DataHub"})
    void everyPlatformHasTheTemplatesThreeParts(String platform, String prefix) {
        String pkg = "io.catalogkit.tokens." + platform + ".internal.";
        for (String part : List.of("Api", "Wire", "Errors")) {
            assertThat(TOKENS.contain(pkg + prefix + part))
                    .as("%s%s%s", pkg, prefix, part)
                    .isTrue();
        }
    }

    /** Only a platform's API class sends: no service, rotation or reader calls the transport itself. */
    @Test
    void onlyTheApiClassesSend() {
        List<String> senders = TOKENS.stream()
                .filter(c -> c.getPackageName().startsWith("io.catalogkit.tokens."))
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().getName().equals("io.catalogkit.core.internal.Transport")
                        && call.getName().equals("exchange"))
                .map(call -> call.getOriginOwner().getName().replaceAll("\\$.*", ""))
                .distinct()
                .sorted()
                .toList();
        assertThat(senders)
                .containsExactly(
                        "io.catalogkit.tokens.alation.internal.AlationApi",
                        "io.catalogkit.tokens.atlan.internal.AtlanApi",
                        "io.catalogkit.tokens.datahub.internal.DataHubApi");
    }

    /**
     * Each public service interface has one implementation, named after it with {@code Impl}, and no
     * implementation reaches into another (shared steps live in the API, wire or errors class).
     */
    @Test
    void serviceImplementationsAreNamedAlikeAndIndependent() {
        List<JavaClass> impls = TOKENS.stream()
                .filter(c -> c.getPackageName().endsWith(".internal"))
                .filter(c -> c.getRawInterfaces().stream()
                        .anyMatch(i -> i.getSimpleName().endsWith("Service")
                                && i.getPackageName().startsWith("io.catalogkit.tokens.")))
                .toList();
        assertThat(impls)
                .extracting(JavaClass::getSimpleName)
                .containsExactlyInAnyOrder(
                        "ApiTokenServiceImpl",
                        "AccessTokenServiceImpl",
                        "RefreshTokenServiceImpl",
                        "OAuthTokenServiceImpl",
                        "DataHubTokenServiceImpl",
                        "ServiceAccountServiceImpl");
        for (JavaClass impl : impls) {
            assertThat(impl.getRawInterfaces())
                    .extracting(i -> i.getSimpleName() + "Impl")
                    .contains(impl.getSimpleName());
            assertThat(impl.getDirectDependenciesFromSelf())
                    .extracting(d -> d.getTargetClass().getSimpleName())
                    .as("what %s uses", impl.getSimpleName())
                    .allMatch(n -> !n.endsWith("ServiceImpl") || n.equals(impl.getSimpleName()));
        }
    }
}
