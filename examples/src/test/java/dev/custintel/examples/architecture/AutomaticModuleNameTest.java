package dev.custintel.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each SDK jar names its module in its manifest ({@code Automatic-Module-Name}), so hosts on the module path
 * get a stable name. Reads the manifest of the jar each module's classes were loaded from: under {@code mvn verify}
 * (or {@code package}) the reactor puts the SDK modules' jars on this class path; under {@code mvn test} or in an
 * IDE they are class directories, with no manifest, and the check is skipped. The examples jar itself is built
 * after these tests run, so it is not checked here.
 */
class AutomaticModuleNameTest {

  @ParameterizedTest
  @CsvSource({
    "dev.custintel.core.store.CustintelStore, dev.custintel.core",
    "dev.custintel.CustomerIntelligence, dev.custintel.analytics",
    "dev.custintel.gorgias.GorgiasClient, dev.custintel.integrations",
  })
  void manifest_sdkJar_namesItsModule(String className, String moduleName)
      throws ClassNotFoundException, IOException, URISyntaxException {
    Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    assumeTrue(Files.isRegularFile(location), () -> className + " was loaded from " + location + ", not a jar");

    try (JarFile jar = new JarFile(location.toFile())) {
      Manifest manifest = jar.getManifest();
      assertThat(manifest).as("manifest of %s", location).isNotNull();
      assertThat(manifest.getMainAttributes().getValue("Automatic-Module-Name"))
          .as("Automatic-Module-Name of %s", location)
          .isEqualTo(moduleName);
    }
  }
}
