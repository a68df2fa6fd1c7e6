package dev.custintel.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM ({@code bom/pom.xml}) has no parent, so that importing it brings no third-party versions into a host's
 * build; its version and its list of modules are therefore written out, and checked here against the build.
 */
class BomTest {
  private static final Path ROOT = Path.of(System.getProperty("custintel.dataDir", "../data")).getParent();

  @Test
  void bom_hasTheBuildsVersionAndManagesEverySdkJarAtIt() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    Element bom = read(ROOT.resolve("bom").resolve("pom.xml"));

    assertThat(child(bom, "artifactId")).isEqualTo("custintel-bom");
    assertThat(bom.getElementsByTagName("parent").getLength()).as("the BOM has no parent").isZero();
    assertThat(child(bom, "groupId")).isEqualTo(child(parent, "groupId"));
    assertThat(child(bom, "version")).isEqualTo(child(parent, "version"));
    assertThat(texts(parent, "module")).contains("bom");

    List<String> managed = new ArrayList<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      assertThat(child(d, "groupId")).isEqualTo("dev.custintel");
      assertThat(child(d, "version")).isEqualTo("${project.version}");
      managed.add(child(d, "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(sdkJars());
  }

  /** @return the artifactIds of the modules named sdk-* that build a jar */
  private static List<String> sdkJars() throws Exception {
    List<String> jars = new ArrayList<>();
    for (String module : texts(read(ROOT.resolve("pom.xml")), "module")) {
      if (module.startsWith("sdk-")) {
        Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
        String packaging = pom.getElementsByTagName("packaging").getLength() == 0 ? "jar" : child(pom, "packaging");
        if (packaging.equals("jar")) {
          jars.add(child(pom, "artifactId"));
        }
      }
    }
    assertThat(jars).as("SDK jar modules").isNotEmpty();
    return jars;
  }

  private static Element read(Path pom) throws Exception {
    assertThat(pom).exists();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  /** @return the text of the element's direct child of that name */
  private static String child(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
  }

  private static List<String> texts(Element element, String tag) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = element.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }
}
