package io.catalogkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.catalogkit.core.internal.Stores;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final Pattern PLATFORM = Pattern.compile("atlan|alation|datahub");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.catalogkit.core");

    @Test
    void coreKnowsNothingOfAnyPlatform() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.catalogkit.tokens..")
                .because("sdk-core is shared by every platform and knows none of them")
                .check(CORE);
    }

    @Test
    void publicCoreDoesNotLeanOnItsInternals() {
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.core")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.catalogkit.core.internal..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Stores.class))))
                .allowEmptyShould(false)
                .check(CORE);
    }

    /**
     * The one exception to the rule above: {@link CredentialSource}'s factories make the sources
     * {@link Stores} implements; no other public class reaches it.
     */
    @Test
    void onlyCredentialSourceReachesTheStoresItsFactoriesMake() {
        noClasses()
                .that()
                .resideInAPackage("io.catalogkit.core")
                .and()
                .doNotBelongToAnyOf(CredentialSource.class)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Stores.class)
                .allowEmptyShould(false)
                .check(CORE);
    }

    @Test
    void theInternalsKeepNoStaticMutableState() {
        // Every client is independent: what one holds (a credential, a cache, a thread) is its own.
        fields().that()
                .areStatic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("io.catalogkit.core.internal..")
                .should()
                .beFinal()
                .andShould(new ArchCondition<JavaField>("hold an immutable value") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        JavaClass type = field.getRawType();
                        boolean mutable = type.isArray()
                                || type.isAssignableTo(java.util.Collection.class)
                                || type.isAssignableTo(java.util.Map.class)
                                || type.isAssignableTo(ThreadLocal.class)
                                || type.getPackageName().equals("java.util.concurrent.atomic")
                                || type.isAssignableTo(java.util.concurrent.ExecutorService.class)
                                || type.isAssignableTo(Thread.class);
                        if (mutable) {
                            events.add(SimpleConditionEvent.violated(
                                    field, field.getFullName() + " is static state of type " + type.getName()));
                        }
                    }
                })
                .allowEmptyShould(false)
                .check(CORE);
    }

    @Test
    void theModuleExportsItsInternalsOnlyToThePlatformModule() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes"))
                .find("io.catalogkit.core")
                .orElseThrow()
                .descriptor();
        assertThat(d.exports())
                .filteredOn(e -> e.source().equals("io.catalogkit.core"))
                .singleElement()
                .matches(e -> !e.isQualified());
        assertThat(d.exports())
                .filteredOn(e -> e.source().equals("io.catalogkit.core.internal"))
                .singleElement()
                .matches(e -> e.targets().equals(java.util.Set.of("io.catalogkit.tokens")));
        assertThat(d.exports()).hasSize(2);
    }

    /**
     * No platform name in the code of sdk-core, string constants included: request-id headers,
     * error-body fields and messages about one platform live in that platform's package. Comments
     * may name platforms as examples.
     */
    @Test
    void noPlatformNameInMainCode() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path p : sources) {
            String code = withoutComments(Files.readString(p)).toLowerCase(Locale.ROOT);
            Matcher m = PLATFORM.matcher(code);
            while (m.find()) {
                found.add(p.getFileName() + ": " + m.group());
            }
        }
        assertThat(found).as("platform names in sdk-core main code").isEmpty();
    }

    @Test
    void theScanSeesCodeAndStringsButNotComments() {
        assertThat(withoutComments("String h = \"X-Atlan-Id\"; // Atlan\n/* DataHub */ int alation;"))
                .contains("X-Atlan-Id")
                .contains("alation")
                .doesNotContain("DataHub")
                .doesNotContain("// Atlan");
        assertThat(withoutComments("String s = \"/* not a comment */\"; char c = '\"';"))
                .contains("/* not a comment */");
    }

    /** Java source with its comments removed; string, text-block and char literals kept. */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                String quote = c == '"' && src.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                int j = i + quote.length();
                while (j < n && !src.startsWith(quote, j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + quote.length());
                out.append(src, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
