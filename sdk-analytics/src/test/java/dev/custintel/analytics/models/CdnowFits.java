package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.ReferenceCustomer;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.summary.CalibrationSummaries;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Transaction;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The fits a CDNOW model run makes, done in memory on the in-memory summaries of the file (sorted by customer id,
 * as the store's), once per JVM: what the run's JSON documents must give back number for number.
 */
final class CdnowFits {
  private static Fits fits;

  private CdnowFits() {}

  /** A fit as a run reports it: parameters exp(ln θ) in the model's order. */
  record Fit(
      List<Double> parameters, double logLikelihood, int iterations, double gradientNorm, int distinctSummaries,
      ParameterCovariance covariance) {}

  record Fits(Fit calibration, Fit purchases, Fit spend, ReferenceCustomer reference) {}

  static synchronized Fits get() {
    if (fits == null) {
      List<Transaction> transactions = CdnowFile.rows().stream()
          .map(r -> Transaction.of(r.customerId(), r.day(), r.amount()))
          .toList();
      List<CustomerRfm> calibration = customers(transactions, ModelRunsTest.CALIBRATION_END);
      List<CustomerRfm> all = customers(transactions, ModelRunsTest.AS_OF);
      GammaGammaModel spend = GammaGammaModel.fit(
          all.stream().map(c -> new SpendSummary(c.frequency(), c.monetaryValue().doubleValue())).toList(),
          GammaGammaOptions.defaults());
      var p = spend.parameters();
      var d = spend.diagnostics().orElseThrow();
      Fit spendFit = new Fit(
          List.of(Math.exp(Math.log(p.p())), Math.exp(Math.log(p.q())), Math.exp(Math.log(p.gamma()))),
          spend.logLikelihood().orElseThrow(), d.iterations(), d.gradientNorm(), d.distinctSummaries(),
          spend.covariance().orElseThrow());
      fits = new Fits(purchases(calibration), purchases(all), spendFit, ReferenceCustomer.median(all));
    }
    return fits;
  }

  private static List<CustomerRfm> customers(List<Transaction> transactions, LocalDate end) {
    return CalibrationSummaries.summarize(transactions, end, PeriodUnit.WEEKS).customers().stream()
        .sorted(Comparator.comparing(CustomerRfm::customerId))
        .toList();
  }

  private static Fit purchases(List<CustomerRfm> customers) {
    PurchaseModel m = PurchaseModelKind.MODIFIED_BG_NBD.fit(
        customers.stream().map(c -> RfmSummary.of(c.frequency(), c.recency(), c.age())).toList());
    var d = m.diagnostics().orElseThrow();
    List<Double> parameters = java.util.Arrays.stream(m.logParameters()).map(Math::exp).boxed().toList();
    return new Fit(parameters, m.logLikelihood().orElseThrow(), d.iterations(), d.gradientNorm(),
        d.distinctSummaries(), m.covariance().orElseThrow());
  }
}
