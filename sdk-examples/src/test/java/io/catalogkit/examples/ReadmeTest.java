package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.catalogkit.testing.FakeAtlan;
import io.catalogkit.testing.Fault;
import io.catalogkit.tokens.atlan.AtlanClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's testing examples stay true: each is code a test here runs (this class holds the
 * snippet without JUnit; {@code TokenJanitorTest}, {@code TokenJanitorFakeTest} and {@code
 * TokenJanitor} the others), and the README shows nothing else.
 */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src");

    @Test
    void everyJavaBlockOfTheTestingSectionIsCodeThatRunsHere() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Testing code that uses catalogkit");
        assertThat(start).as("the README's testing section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks)
                .as("the Mockito, fake and fake-without-JUnit examples")
                .hasSizeGreaterThanOrEqualTo(4);
        List<String> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .map(ReadmeTest::read)
                    .map(ReadmeTest::withoutWhitespace)
                    .toList();
        }
        for (String block : blocks) {
            assertThat(sources)
                    .as("sdk-examples holds this README block (whitespace aside):%n%s", block)
                    .anyMatch(source -> source.contains(withoutWhitespace(block)));
        }
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n#", start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theInventorySnippetPrintsTheGapsOnce() throws IOException {
        String inventory = section(Files.readString(README), "### Inventory and rotation across catalogs");
        assertThat(inventory).contains(".toTable()");
        assertThat(inventory).as("toTable() already ends with the gaps").doesNotContain("getGaps().forEach");
    }

    @Test
    void theJShellSectionStatesTheExitStatusAsTheScriptDoes() throws IOException {
        String jshell = withSingleSpaces(section(Files.readString(README), "### JShell"));
        String script = Files.readString(Path.of("src", "main", "jshell", "inventory.jsh"));
        String header = withSingleSpaces(script.lines()
                .takeWhile(l -> l.startsWith("//") && !l.startsWith("// jshell"))
                .map(l -> l.substring(2))
                .reduce("", (a, b) -> a + " " + b));
        Matcher codes = Pattern.compile("0 when [^.]*\\.").matcher(header);
        assertThat(codes.find()).as(header).isTrue();
        assertThat(codes.group()).contains("1 when", "2 when");
        assertThat(jshell).contains(codes.group()).contains("inventory().collect().toTable()");
    }

    private static String withSingleSpaces(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutWhitespace(String code) {
        return code.replaceAll("\\s+", "");
    }

    @Test
    void testingYourCodeSnippetWorks() {
        try (FakeAtlan atlan = new FakeAtlan().start()) {
            FakeAtlan.SeededToken admin = atlan.addApiToken("admin");
            try (AtlanClient client = AtlanClient.builder()
                    .baseUrl(atlan.baseUrl())
                    .apiKey(admin.secret())
                    .sleeper(d -> {})
                    .build()) { // retries without sleeping
                atlan.failNext(1, Fault.status(503)); // retried: the lookup is safe to repeat
                assertThat(client.apiTokens().retrieveByName("admin")).isPresent();
                assertThat(atlan.requests("/api/service/apikeys")).hasSize(2);
            }
        }
    }
}
