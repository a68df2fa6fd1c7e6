package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The CDNOW sample with repeat spend ({@code data/clv/cdnow_customers_summary_with_transactions.csv}: ID, x, t_x,
 * T, zbar; weeks; 2,357 customers) as {@link CustomerRfm}s, and the fits the value tests share (computed once per
 * test JVM).
 */
final class CdnowValueFixture {

  static final Currency USD = Currency.getInstance("USD");
  static final LocalDate COHORT_START = LocalDate.of(1997, 1, 1);

  private static List<CustomerRfm> customers;
  private static GammaGammaModel spend;
  private static final Map<PurchaseModelKind, PurchaseModel> PURCHASES = new EnumMap<>(PurchaseModelKind.class);

  private CdnowValueFixture() {}

  /** @return the 2,357 CDNOW customers, in file order */
  static synchronized List<CustomerRfm> customers() {
    if (customers == null) {
      Path file = Path.of(System.getProperty("custintel.dataDir", "../data"), "clv",
          "cdnow_customers_summary_with_transactions.csv");
      List<CustomerRfm> out = new ArrayList<>();
      try {
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.trim().split(",");
          out.add(customer(f[0].trim(), Integer.parseInt(f[1].trim()), Double.parseDouble(f[2].trim()),
              Double.parseDouble(f[3].trim()), f[4].trim()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      customers = List.copyOf(out);
    }
    return customers;
  }

  /** @return a customer with the given summary (first purchase details are not used by the value model) */
  static CustomerRfm customer(String id, int x, double tx, double age, String meanSpend) {
    return new CustomerRfm(id, x, tx, age, new BigDecimal(meanSpend), BigDecimal.TEN, COHORT_START);
  }

  static CustomerRfm customer(String id, int x, double tx, double age, double meanSpend) {
    return customer(id, x, tx, age, Double.toString(meanSpend));
  }

  /** @param id a CDNOW customer ID */
  static CustomerRfm byId(String id) {
    return customers().stream().filter(c -> c.customerId().equals(id)).findFirst().orElseThrow();
  }

  static List<RfmSummary> summaries() {
    return customers().stream().map(CdnowValueFixture::summaryOf).toList();
  }

  static RfmSummary summaryOf(CustomerRfm c) {
    return RfmSummary.of(c.frequency(), c.recency(), c.age());
  }

  static SpendSummary spendOf(CustomerRfm c) {
    return new SpendSummary(c.frequency(), c.monetaryValue().doubleValue());
  }

  /** @return Gamma-Gamma fitted with the default options on all customers */
  static synchronized GammaGammaModel spend() {
    if (spend == null) {
      spend = GammaGammaModel.fit(customers().stream().map(CdnowValueFixture::spendOf).toList(),
          GammaGammaOptions.defaults());
    }
    return spend;
  }

  /** @return the purchase model of that kind fitted with its default options (MBG/NBD: BgNbdOptions.defaults()) */
  static synchronized PurchaseModel purchases(PurchaseModelKind kind) {
    return PURCHASES.computeIfAbsent(kind, k -> k.fit(summaries()));
  }

  /** @return the MBG/NBD × Gamma-Gamma value model of the brief, in weeks and USD */
  static CustomerValueModel mbgValueModel() {
    return valueModel(PurchaseModelKind.MODIFIED_BG_NBD);
  }

  static CustomerValueModel valueModel(PurchaseModelKind kind) {
    return CustomerValueModel.of(purchases(kind), spend(), PeriodUnit.WEEKS, USD);
  }

  /**
   * The value by the formula of {@link CustomerValueModel}'s documentation, from public predictions only:
   * {@code E[Z | x, z̄] · Σ_i (E[Y(m_i)] − E[Y(m_{i−1})]) / (1 + d)^{m_i}} over whole months (last one partial).
   */
  static double valueByFormula(
      PurchaseModel purchases, GammaGammaModel spend, CustomerRfm c, double months, double monthlyRate) {
    RfmSummary s = summaryOf(c);
    double previous = 0.0;
    double sum = 0.0;
    for (int i = 1; i < months + 1.0 - 1e-9; i++) {
      double m = Math.min(i, months);
      double e = purchases.conditionalExpectedPurchases(m * (365.25 / 12.0) / 7.0, s);
      sum += (e - previous) / Math.pow(1.0 + monthlyRate, m);
      previous = e;
    }
    return spend.conditionalExpectedSpend(spendOf(c)) * sum;
  }
}
