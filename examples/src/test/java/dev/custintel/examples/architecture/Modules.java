package dev.custintel.examples.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Arrays;

/**
 * Which packages belong to which Maven module, as read from each module's {@code src/main/java}. The architecture
 * tests run here, in the examples module, because it depends on every SDK module and so sees all their classes;
 * benchmarks is not on this class path (it is not an SDK module and nothing depends on it).
 *
 * <p>Package patterns use ArchUnit's syntax: {@code ..} is any number of packages, none included; a pattern
 * without {@code ..} is that package only (the facade package {@code dev.custintel} holds nothing else).
 */
final class Modules {
  /** sdk-core. */
  static final String[] CORE = {"dev.custintel.core.."};
  /** sdk-analytics: the analytics packages and the {@code CustomerIntelligence} facade in {@code dev.custintel}. */
  static final String[] ANALYTICS = {"dev.custintel.analytics..", "dev.custintel"};
  /** sdk-integrations: the Gorgias client and the Slack helpers ({@code integrations} is reserved for more). */
  static final String[] INTEGRATIONS = {
    "dev.custintel.gorgias..", "dev.custintel.slack..", "dev.custintel.integrations.."
  };
  /** examples: the command line and the Slack ticket bot. */
  static final String[] EXAMPLES = {"dev.custintel.examples.."};

  private Modules() {}

  /**
   * @return the production classes of every module on this class path (not test classes, not test jars),
   *     imported once per test JVM and shared by the architecture tests
   */
  static JavaClasses productionClasses() {
    return Imported.CLASSES;
  }

  /** Holder: the import (a few seconds) runs on first use only. */
  private static final class Imported {
    static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .withImportOption(new DoNotIncludeTestJars())
        .importPackages("dev.custintel");
  }

  /**
   * @param module a module's package patterns
   * @return the patterns of its {@code internal} packages, at any depth (such as {@code analytics.clv.internal})
   */
  static String[] internals(String[] module) {
    return Arrays.stream(module)
        .filter(p -> p.endsWith(".."))
        .map(p -> p + "internal..")
        .toArray(String[]::new);
  }

  /**
   * @param groups package pattern groups
   * @return all their patterns, for {@code resideInAnyPackage}
   */
  static String[] union(String[]... groups) {
    return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
  }

  /**
   * @param names fully qualified class names
   * @return a predicate matching those classes and the classes nested in them (their {@code $} classes), which
   *     the compiler emits for the private helpers of an allowed class
   */
  static DescribedPredicate<JavaClass> classesOrTheirNested(String... names) {
    return DescribedPredicate.describe(
        "one of " + String.join(", ", names),
        c -> Arrays.stream(names).anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
  }

  /**
   * Leaves out the core's test jar ({@code custintel-core-*-tests.jar}, on this class path for the test database
   * support): {@link ImportOption.DoNotIncludeTests} recognizes test-classes directories but not test jars, which
   * the reactor uses once sdk-core is packaged.
   */
  static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }
}
