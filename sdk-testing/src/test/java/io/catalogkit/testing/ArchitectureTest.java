package io.catalogkit.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** sdk-testing stands on sdk-core's public API, and only one class of it needs JUnit. */
class ArchitectureTest {
    // Imported from the two output directories: a package scan would walk the whole module path.
    private static final JavaClasses EVERYTHING =
            new ClassFileImporter().importPaths(outputOf(FakeServer.class), outputOf(ArchitectureTest.class));
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(outputOf(FakeServer.class));

    private static Path outputOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void neitherFakesNorTestsUseTheCoreInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.catalogkit.core.internal..", "io.catalogkit.tokens..")
                .because("sdk-testing depends on sdk-core's public API only: the fakes keep their own JSON settings")
                .allowEmptyShould(false)
                .check(EVERYTHING);
    }

    @Test
    void onlyFakeExtensionNeedsJUnit() {
        noClasses()
                .that()
                .doNotHaveSimpleName("FakeExtension")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.junit..")
                .because("JUnit is an optional dependency of sdk-testing")
                .allowEmptyShould(false)
                .check(MAIN);
    }
}
