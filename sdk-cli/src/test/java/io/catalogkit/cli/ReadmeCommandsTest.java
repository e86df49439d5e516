package io.catalogkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every command line the README's Administrators section runs is one the command line accepts. */
class ReadmeCommandsTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyCommandOfTheAdministratorsSectionParses() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Administrators");
        assertThat(start).as("the README's Administrators section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        List<List<String>> commands = new ArrayList<>();
        Matcher block =
                Pattern.compile("```(bash|yaml)\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            // a shell line continued with a backslash, or a YAML folded scalar, is one command
            String text = block.group(2).replace("\\\n", " ").replaceAll("\n {18}(?=\\S)", " ");
            for (String line : text.split("\n")) {
                int at = line.indexOf("catalogkit.jar ");
                if (at >= 0) {
                    commands.add(words(line.substring(at + "catalogkit.jar ".length())));
                }
            }
        }
        assertThat(commands)
                .as("demo, the CI check, the CronJob's rotation and the jq recipes")
                .hasSizeGreaterThanOrEqualTo(5);
        for (List<String> args : commands) {
            assertThatCode(() -> Main.commandLine(
                                    Map.of(),
                                    false,
                                    new PrintWriter(new StringWriter()),
                                    new PrintWriter(new StringWriter()))
                            .parseArgs(args.toArray(String[]::new)))
                    .as("catalogkit %s", args)
                    .doesNotThrowAnyException();
        }
    }

    /** Splits as a shell does, up to an unquoted pipe or comment: quotes removed, variables kept. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '|' || c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
