package io.catalogkit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line uses catalogkit as a user does, through its public packages; and what picocli
 * loads to parse a command line (the commands, their options and converters) loads no SDK, HTTP
 * or JSON class, so {@code --version} and {@code --help} start fast.
 */
class ArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.cli");

    @Test
    void noInternalPackageOfTheSdk() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.catalogkit.core.internal..", "io.catalogkit.tokens..internal..")
                .check(CLI);
    }

    @Test
    void whatParsingLoadsUsesNoSdkHttpOrJson() {
        // the classes that run a command once parsed (named *Ops, and their helpers) load the SDK
        noClasses()
                .that()
                .haveNameNotMatching("io\\.catalogkit\\.cli\\.(\\w+Ops|Clients|Sinks|Failures|Show)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.catalogkit.core..",
                        "io.catalogkit.tokens..",
                        "io.catalogkit.testing..",
                        "okhttp3..",
                        "okio..",
                        "com.fasterxml..")
                .check(CLI);
    }
}
