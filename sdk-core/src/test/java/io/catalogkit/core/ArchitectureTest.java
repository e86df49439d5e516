package io.catalogkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.core");

    @Test
    void coreKnowsNothingOfAnyPlatform() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.catalogkit.tokens..")
                .because("sdk-core is shared by every platform and knows none of them")
                .check(core);
    }

    @Test
    void publicCoreDoesNotLeanOnItsInternals() {
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.core")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.catalogkit.core.internal..")
                .allowEmptyShould(false)
                .check(core);
    }
}
