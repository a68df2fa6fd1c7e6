package dev.custintel.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.custintel.examples.architecture.Modules.productionClasses;

import org.junit.jupiter.api.Test;

/**
 * The Slack helpers do not reach into the Gorgias client's internals, so that either can change its internals
 * alone. Both live in sdk-integrations, so {@link ModuleBoundariesArchTest} does not cover this.
 */
class SlackIndependenceArchTest {
  @Test
  void slack_doesNotUseGorgiasInternals() {
    noClasses()
        .that().resideInAPackage("dev.custintel.slack..")
        .should().dependOnClassesThat().resideInAPackage("dev.custintel.gorgias.internal..")
        .because("the Slack helpers share no internals with the Gorgias client: what both need (argument checks,"
            + " retries, the owned HTTP client) is in dev.custintel.integrations.internal.http")
        .check(productionClasses());
  }
}
