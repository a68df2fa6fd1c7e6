package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.customer.CategoryStat;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.customer.ProductStat;
import dev.custintel.core.model.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code custintel profile}: one customer's profile as JSON. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a customer's profile as JSON: orders, total spent, average order value, first and last order, "
          + "days since the last order, tenure, returns, country, top products and categories, and the scores of "
          + "the active model run ('custintel models refresh' makes one).",
      "scores is null before the first model run, or when the active run did not score the customer (such as a "
          + "customer newer than the run); otherwise it gives the run's id (runId) and last day of purchases "
          + "(scoredAsOf), probabilityAlive and churnRisk (1 - probabilityAlive), expectedPurchases and "
          + "lifetimeValue (discounted) over the next horizonMonths months, and the lifetimeValueLow to "
          + "lifetimeValueHigh range at intervalLevel confidence (from the model's parameter uncertainty).",
      "Amounts are strings with their currency ({\"amount\":\"89.00\",\"currency\":\"USD\"}); instants are "
          + "ISO-8601 (UTC); unknown values are null."
    })
final class ProfileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = {
        "The database, such as",
        "jdbc:h2:file:./custintel-data/custintel or",
        "jdbc:postgresql://host:5432/db?user=me&password=..."
      })
  String db;

  @Option(
      names = "--as-of",
      paramLabel = "DATE|INSTANT",
      converter = AsOfConverter.class,
      description = "Compute \"days since\" and tenure as of this day (2024-12-31, start of day UTC) or instant "
          + "(2024-12-31T18:00:00Z); default now")
  Instant asOf;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The shop's customer id, such as 00002")
  String customerId;

  @Override
  public Integer call() {
    Databases.checkUrl(spec, db);
    Clock clock = asOf == null ? Clock.systemUTC() : Clock.fixed(asOf, ZoneOffset.UTC);
    try (CustomerIntelligence ci = Databases.open(Databases.existingOnly(db), clock)) {
      CustomerProfile profile = ci.customers().profile(customerId);
      Json.print(spec.commandLine().getOut(), view(profile));
    }
    return CustintelCli.OK;
  }

  /**
   * @param p a profile
   * @return its JSON view
   */
  static Map<String, Object> view(CustomerProfile p) {
    Currency currency = currencyOf(p);
    Map<String, Object> m = Json.object();
    m.put("customerId", p.customerId());
    m.put("name", p.name());
    m.put("email", p.email());
    m.put("country", p.country());
    m.put("signedUpAt", Json.instant(p.signedUpAt()));
    m.put("orders", p.orders());
    m.put("returns", p.returns());
    m.put("totalSpent", Json.money(p.totalSpent()));
    m.put("averageOrderValue", Json.money(p.averageOrderValue()));
    m.put("ordersInOtherCurrencies", p.ordersInOtherCurrencies());
    m.put("firstOrderAt", Json.instant(p.firstOrderAt()));
    m.put("lastOrderAt", Json.instant(p.lastOrderAt()));
    m.put("daysSinceLastOrder", p.daysSinceLastOrder());
    m.put("tenureDays", p.tenureDays());
    List<Map<String, Object>> products = new ArrayList<>();
    for (ProductStat s : p.topProducts()) {
      Map<String, Object> row = Json.object();
      row.put("productId", s.productId());
      row.put("name", s.name());
      row.put("category", s.category());
      row.put("quantity", s.quantity());
      row.put("orders", s.orders());
      row.put("amount", Json.money(s.amount(), purchaseCurrency(currency)));
      products.add(row);
    }
    m.put("topProducts", products);
    List<Map<String, Object>> categories = new ArrayList<>();
    for (CategoryStat s : p.topCategories()) {
      Map<String, Object> row = Json.object();
      row.put("category", s.category());
      row.put("quantity", s.quantity());
      row.put("amount", Json.money(s.amount(), purchaseCurrency(currency)));
      categories.add(row);
    }
    m.put("topCategories", categories);
    m.put("scores", scoresView(p.scores()));
    m.put("asOf", Json.instant(p.asOf()));
    return m;
  }

  /**
   * @param s the active model run's scores of a customer, or null
   * @return their JSON view, or null
   */
  static @Nullable Map<String, Object> scoresView(@Nullable CustomerScores s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> m = Json.object();
    m.put("runId", s.runId());
    m.put("scoredAsOf", s.scoredAsOf().toString());
    m.put("probabilityAlive", ClvFits.number(s.probabilityAlive()));
    m.put("churnRisk", ClvFits.number(s.churnRisk()));
    m.put("expectedPurchases", ClvFits.number(s.expectedPurchases()));
    m.put("lifetimeValue", Json.money(s.lifetimeValue()));
    m.put("lifetimeValueLow", Json.money(s.lifetimeValueLow()));
    m.put("lifetimeValueHigh", Json.money(s.lifetimeValueHigh()));
    m.put("horizonMonths", ClvFits.number(s.horizonMonths()));
    m.put("intervalLevel", ClvFits.number(s.intervalLevel()));
    return m;
  }

  /** Top products and categories exist only for a customer with purchases, who has a spending currency. */
  private static Currency purchaseCurrency(@Nullable Currency currency) {
    return Objects.requireNonNull(currency, "a customer with top items has purchases");
  }

  private static @Nullable Currency currencyOf(CustomerProfile p) {
    Money money = p.totalSpent() != null ? p.totalSpent() : p.averageOrderValue();
    return money == null ? null : money.currency();
  }

  /** Reads {@code --as-of}: a date (start of day, UTC) or an instant. */
  static final class AsOfConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.contains("T")
            ? Instant.parse(value)
            : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is neither a date (2024-12-31) nor an instant (2024-12-31T18:00:00Z)");
      }
    }
  }
}
