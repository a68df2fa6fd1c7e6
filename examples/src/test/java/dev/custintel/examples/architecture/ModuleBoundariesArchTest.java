package dev.custintel.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.custintel.examples.architecture.Modules.ANALYTICS;
import static dev.custintel.examples.architecture.Modules.CORE;
import static dev.custintel.examples.architecture.Modules.EXAMPLES;
import static dev.custintel.examples.architecture.Modules.INTEGRATIONS;
import static dev.custintel.examples.architecture.Modules.internals;
import static dev.custintel.examples.architecture.Modules.productionClasses;
import static dev.custintel.examples.architecture.Modules.union;

import org.junit.jupiter.api.Test;

/**
 * The module graph of the README ("Dependencies point one way"), checked on the production bytecode of every
 * module: {@code internal} packages are private to their module, analytics and integrations depend on core and
 * never on each other, and core depends on no other module.
 */
class ModuleBoundariesArchTest {

  @Test
  void coreInternals_usedOnlyByCore() {
    checkInternalsPrivate(CORE, "core's internal packages are not API: other modules use its public packages"
        + " (promote what they need, as dev.custintel.core.csv was)");
  }

  @Test
  void analyticsInternals_usedOnlyByAnalytics() {
    checkInternalsPrivate(ANALYTICS, "analytics' internal packages are not API: other modules use"
        + " CustomerIntelligence and the public analytics packages");
  }

  @Test
  void integrationsInternals_usedOnlyByIntegrations() {
    checkInternalsPrivate(INTEGRATIONS, "the Gorgias and Slack internal packages are not API: other modules use"
        + " their public packages");
  }

  @Test
  void integrations_dependOnNeitherAnalyticsNorExamples() {
    checkNoDependency(INTEGRATIONS, union(ANALYTICS, EXAMPLES), "sdk-integrations depends on sdk-core only: a host"
        + " can use the Gorgias and Slack helpers without the analytics module or the CustomerIntelligence facade");
  }

  @Test
  void analytics_dependsOnNeitherIntegrationsNorExamples() {
    checkNoDependency(ANALYTICS, union(INTEGRATIONS, EXAMPLES), "sdk-analytics depends on sdk-core only: a host"
        + " can use the analytics without OkHttp, Gorgias or Slack");
  }

  @Test
  void core_dependsOnNoOtherModule() {
    checkNoDependency(CORE, union(ANALYTICS, INTEGRATIONS, EXAMPLES),
        "sdk-core is the bottom of the module graph: every other module depends on it");
  }

  /** Fails listing every class outside {@code module} that uses one of its {@code internal} packages. */
  private static void checkInternalsPrivate(String[] module, String because) {
    noClasses()
        .that().resideOutsideOfPackages(module)
        .should().dependOnClassesThat().resideInAnyPackage(internals(module))
        .because(because)
        .check(productionClasses());
  }

  /** Fails listing every class of {@code from} that uses a class of {@code to}. */
  private static void checkNoDependency(String[] from, String[] to, String because) {
    noClasses()
        .that().resideInAnyPackage(from)
        .should().dependOnClassesThat().resideInAnyPackage(to)
        .because(because)
        .check(productionClasses());
  }
}
