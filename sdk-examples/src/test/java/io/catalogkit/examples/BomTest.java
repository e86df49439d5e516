package io.catalogkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * catalogkit-bom lists every published module of the reactor, at the project's version, and
 * nothing else; every published module ships sources and javadoc. A module is published unless
 * its packaging is {@code pom} or it sets {@code maven.deploy.skip} to true.
 */
class BomTest {
    private static final String BOM = "catalogkit-bom";

    private static Path rootDir;
    private static Element root;
    private static Map<String, Element> modules;

    @BeforeAll
    static void readReactor() throws Exception {
        // surefire runs in the module's directory, so the reactor root is its parent
        rootDir = Path.of("").toAbsolutePath().getParent();
        root = read(rootDir.resolve("pom.xml"));
        assertThat(text(root, "artifactId")).isEqualTo("catalogkit-parent");
        modules = new TreeMap<>();
        for (Element module : children(child(root, "modules").orElseThrow(), "module")) {
            Element pom = read(rootDir.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            modules.put(text(pom, "artifactId"), pom);
        }
    }

    @Test
    void bomListsEveryPublishedModuleAtTheProjectVersion() {
        String version = text(root, "version");
        assertThat(modules).containsKey(BOM);
        Element bom = modules.get(BOM);
        assertThat(text(bom, "groupId")).isEqualTo(text(root, "groupId"));
        assertThat(text(bom, "version")).isEqualTo(version);
        assertThat(text(bom, "packaging")).isEqualTo("pom");

        Map<String, String> listed = new TreeMap<>();
        Element managed = child(bom, "dependencyManagement")
                .flatMap(m -> child(m, "dependencies"))
                .orElseThrow();
        for (Element dependency : children(managed, "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo(text(root, "groupId"));
            listed.put(
                    text(dependency, "artifactId"),
                    text(dependency, "version").replace("${project.version}", text(bom, "version")));
        }

        assertThat(published()).isNotEmpty().doesNotContain("sdk-examples");
        assertThat(listed.keySet())
                .as("catalogkit-bom lists every published module (or the module sets maven.deploy.skip)")
                .containsExactlyElementsOf(published());
        assertThat(listed.values()).containsOnly(version);
    }

    @Test
    void readmeImportsTheBomAtTheProjectVersion() throws Exception {
        Matcher imported = Pattern.compile("<artifactId>" + BOM + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(rootDir.resolve("README.md")));
        assertThat(imported.find()).as("README imports " + BOM).isTrue();
        assertThat(imported.group(1)).isEqualTo(text(root, "version"));
    }

    @Test
    void everyPublishedModuleShipsSourcesAndJavadoc() {
        for (String artifactId : published()) {
            List<String> plugins = new ArrayList<>();
            child(modules.get(artifactId), "build")
                    .flatMap(b -> child(b, "plugins"))
                    .ifPresent(p -> children(p, "plugin").forEach(plugin -> plugins.add(text(plugin, "artifactId"))));
            assertThat(plugins).as(artifactId).contains("maven-source-plugin", "maven-javadoc-plugin");
        }
    }

    private static TreeSet<String> published() {
        TreeSet<String> published = new TreeSet<>();
        modules.forEach((artifactId, pom) -> {
            boolean pomOnly = child(pom, "packaging")
                    .map(p -> p.getTextContent().trim().equals("pom"))
                    .orElse(false);
            boolean deploySkipped = child(pom, "properties")
                    .flatMap(p -> child(p, "maven.deploy.skip"))
                    .map(s -> s.getTextContent().trim().equals("true"))
                    .orElse(false);
            if (!pomOnly && !deploySkipped) {
                published.add(artifactId);
            }
        });
        return published;
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static String text(Element parent, String name) {
        return child(parent, name)
                .map(e -> e.getTextContent().trim())
                .orElseThrow(() -> new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">"));
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                found.add((Element) n);
            }
        }
        return found;
    }
}
