package io.catalogkit.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The tools use catalogkit as a user does, so that they keep working when its internals change. */
class ArchitectureTest {
    private static final JavaClasses TOOLS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.benchmarks");

    @Test
    void onlyPublicApi() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.catalogkit.core.internal..", "io.catalogkit.tokens.*.internal..")
                .check(TOOLS);
    }
}
