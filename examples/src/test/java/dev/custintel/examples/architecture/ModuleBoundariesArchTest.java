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
    noClasses()
        .that().resideOutsideOfPackages(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(internals(CORE))
        .because("core's internal packages are not API: other modules use its public packages"
            + " (promote what they need, as dev.custintel.core.csv was)")
        .check(productionClasses());
  }

  @Test
  void analyticsInternals_usedOnlyByAnalytics() {
    noClasses()
        .that().resideOutsideOfPackages(ANALYTICS)
        .should().dependOnClassesThat().resideInAnyPackage(internals(ANALYTICS))
        .because("analytics' internal packages are not API: other modules use CustomerIntelligence and the public"
            + " analytics packages")
        .check(productionClasses());
  }

  @Test
  void integrationsInternals_usedOnlyByIntegrations() {
    noClasses()
        .that().resideOutsideOfPackages(INTEGRATIONS)
        .should().dependOnClassesThat().resideInAnyPackage(internals(INTEGRATIONS))
        .because("the Gorgias and Slack internal packages are not API: other modules use their public packages")
        .check(productionClasses());
  }

  @Test
  void integrations_dependOnNeitherAnalyticsNorExamples() {
    noClasses()
        .that().resideInAnyPackage(INTEGRATIONS)
        .should().dependOnClassesThat().resideInAnyPackage(union(ANALYTICS, EXAMPLES))
        .because("sdk-integrations depends on sdk-core only: a host can use the Gorgias and Slack helpers without"
            + " the analytics module or the CustomerIntelligence facade")
        .check(productionClasses());
  }

  @Test
  void analytics_dependsOnNeitherIntegrationsNorExamples() {
    noClasses()
        .that().resideInAnyPackage(ANALYTICS)
        .should().dependOnClassesThat().resideInAnyPackage(union(INTEGRATIONS, EXAMPLES))
        .because("sdk-analytics depends on sdk-core only: a host can use the analytics without OkHttp, Gorgias or"
            + " Slack")
        .check(productionClasses());
  }

  @Test
  void core_dependsOnNoOtherModule() {
    noClasses()
        .that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(union(ANALYTICS, INTEGRATIONS, EXAMPLES))
        .because("sdk-core is the bottom of the module graph: every other module depends on it")
        .check(productionClasses());
  }
}
