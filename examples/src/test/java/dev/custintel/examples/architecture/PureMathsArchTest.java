package dev.custintel.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.custintel.examples.architecture.Modules.classesOrTheirNested;
import static dev.custintel.examples.architecture.Modules.productionClasses;

import org.junit.jupiter.api.Test;

/**
 * The CLV and affinity maths do no I/O, so they can be tested on in-memory data, benchmarked without a database
 * and reused on data from anywhere. Reading files and the store is left to a few named adapter classes.
 */
class PureMathsArchTest {

  /**
   * The classes of the maths packages that are allowed I/O, each because reading its input is its whole job.
   * ArchUnit checks direct dependencies, so the maths classes may still use these adapters' in-memory results
   * (such as {@code Baskets}) but not open files or connections themselves.
   */
  private static final String[] ADAPTERS = {
    // Reads basket CSV and FIMI files (readBasketCsv, readFimi) besides holding baskets in memory; the readers
    // are public API on the type itself, so they stay there.
    "dev.custintel.analytics.affinity.Baskets",
    // Baskets' byte-level FIMI and basket-CSV parsing (readFimi and readBasketCsv delegate to it).
    "dev.custintel.analytics.affinity.BasketFiles",
    // Reads baskets from a UCI Online Retail file through dev.custintel.core.csv.
    "dev.custintel.analytics.affinity.OnlineRetailBaskets",
    // Reads baskets from the store (CustintelStore, streamed by analytics.internal.models.StoreBasketReader).
    "dev.custintel.analytics.affinity.StoreBaskets",
    // Computes calibration summaries in the database (SQL pushdown through Jdbi).
    "dev.custintel.analytics.clv.summary.StoreSummaries",
  };

  @Test
  void clvAndAffinityMaths_doNoIo() {
    noClasses()
        .that().resideInAnyPackage("dev.custintel.analytics.clv..", "dev.custintel.analytics.affinity..",
            "dev.custintel.analytics.forecast..")
        .and(not(classesOrTheirNested(ADAPTERS)))
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.io..", "java.nio.file..", "java.sql..", "javax.sql..", "java.net..", "org.jdbi..", "okhttp3..",
            // Custintel's own I/O: the file readers and the store handle.
            "dev.custintel.core.csv..", "dev.custintel.core.store..", "dev.custintel.analytics.internal..")
        .because("the CLV, affinity and forecast maths work on in-memory data; files and the database are read by the named"
            + " adapters only (PureMathsArchTest.ADAPTERS)")
        .check(productionClasses());
  }
}
