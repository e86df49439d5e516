package io.catalogkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The examples use catalogkit the way a user does: through its public packages only. */
class ArchitectureTest {
    private static final JavaClasses EXAMPLES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.examples");

    @Test
    void examplesNeverUseTheSharedTransport() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.catalogkit.core.internal..", "io.catalogkit.tokens.*.internal..")
                .check(EXAMPLES);
    }
}
