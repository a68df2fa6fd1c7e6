package dev.custintel.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.custintel.examples.architecture.Modules.productionClasses;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * One data-access seam: the store makes the one {@link Jdbi} over its pool, and every other class reaches the
 * database through {@code dev.custintel.core.spi.StoreAccess}, so there is one table-prefix scheme, one
 * exception translation and one pool per store.
 */
class DataAccessArchTest {
  @Test
  void jdbiCreate_onlyInTheStore() {
    noClasses()
        .that().doNotHaveFullyQualifiedName("dev.custintel.core.internal.store.JdbiStore")
        .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.base.DescribedPredicate.describe("Jdbi.create",
                t -> t.getOwner().isEquivalentTo(Jdbi.class) && t.getName().equals("create"))))
        .because("the store owns the one Jdbi; other code takes it from StoreAccess")
        .check(productionClasses());
  }

  @Test
  void dataSources_notOpenedOutsideCore() {
    noClasses()
        .that().resideOutsideOfPackage("dev.custintel.core..")
        .should().callMethod(javax.sql.DataSource.class, "getConnection")
        .because("connections come from the store's Jdbi (StoreAccess), never straight from a data source")
        .check(productionClasses());
  }
}
