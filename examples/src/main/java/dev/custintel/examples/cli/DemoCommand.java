package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.ChurnSummary;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.affinity.RuleOrder;
import dev.custintel.analytics.affinity.RuleQuery;
import dev.custintel.analytics.clv.ValueDriver;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.analytics.ltv.RankedValue;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.analytics.models.BacktestReport;
import dev.custintel.analytics.models.InsufficientDataException;
import dev.custintel.analytics.models.ModelFitException;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CategoryStat;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerRank;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.customer.ProductStat;
import dev.custintel.core.generate.GeneratedShop;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Money;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code custintel demo}: a synthetic shop in an embedded database, and a readable report on it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic coffee-and-tea web shop (seeded: the same seed gives the same shop), stores it in an "
          + "embedded H2 database (in memory unless --db is given) and prints a report: the shop, the top "
          + "customers of the last 12 months, inactive customers, churn risk and lifetime value from a model run "
          + "(as 'custintel models refresh' makes one), and one customer's profile.",
      "\"Today\" is the day after the last day of data, so the report is the same for the same options "
          + "(except the time taken)."
    })
final class DemoCommand implements Callable<Integer> {
  /** Customers without a purchase for at least this many days count as inactive. */
  static final int INACTIVE_DAYS = 90;

  /** Counting inactive customers stops here; the report then says "at least". */
  static final int INACTIVE_COUNT_CAP = 100_000;

  private static final int BATCH_SIZE = 2_000;

  /** Customers on the report's at-risk list. */
  static final int TOP_AT_RISK = 5;
  static final int TOP_PAIRS = 5;
  static final int TOP_SUGGESTIONS = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--customers",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Customers to generate, 1 to " + ShopGenerator.MAX_CUSTOMERS
          + "; each places about 10 orders (default: ${DEFAULT-VALUE})")
  int customers;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--months",
      paramLabel = "N",
      defaultValue = "24",
      description = "Months of signups and orders, 1 to " + ShopGenerator.MAX_MONTHS + " (default: ${DEFAULT-VALUE})")
  int months;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      defaultValue = "2025-12-31",
      description = "Last day of data (default: ${DEFAULT-VALUE})")
  LocalDate end;

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      defaultValue = "EUR",
      converter = CurrencyConverter.class,
      description = "Currency of the shop, which also decides where its customers live (default: ${DEFAULT-VALUE})")
  Currency currency;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Keep the shop in this H2 or PostgreSQL database, such as "
          + "jdbc:h2:file:./custintel-data/demo (default: an in-memory H2 database, gone at exit)")
  String db;

  @Option(names = "--quiet", description = "No progress on stderr, even on a terminal (the report and errors stay)")
  boolean quiet;

  /** Set by {@link CustintelCli#run} when stderr is the process's stderr and a terminal: the phases then show. */
  boolean errIsTerminal;

  @Override
  public Integer call() {
    if (customers < 1 || customers > ShopGenerator.MAX_CUSTOMERS) {
      throw new ParameterException(spec.commandLine(),
          "--customers must be between 1 and " + ShopGenerator.MAX_CUSTOMERS + " (was " + customers + ")");
    }
    if (months < 1 || months > ShopGenerator.MAX_MONTHS) {
      throw new ParameterException(spec.commandLine(),
          "--months must be between 1 and " + ShopGenerator.MAX_MONTHS + " (was " + months + ")");
    }
    if (db != null) {
      Databases.checkUrl(spec, db);
    }
    ShopGenerator generator = ShopGenerator.builder()
        .seed(seed)
        .customers(customers)
        .end(end)
        .months(months)
        .currency(currency)
        .build();
    LocalDate today = end.plusDays(1);
    Clock clock = Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
    // Without --db: a private in-memory database, dropped when the pool closes.
    String url = db != null ? db : "jdbc:h2:mem:custintel-demo-" + UUID.randomUUID();

    // Phases on stderr when it is a terminal; the report itself goes to stdout at the end.
    ProgressPrinter progress = ProgressPrinter.forCommand(spec.commandLine().getErr(), errIsTerminal, null, quiet);
    Report report = new Report();
    try (CustomerIntelligence ci = Databases.open(url, clock)) {
      long start = System.nanoTime();
      ProgressPrinter.Task generating = progress.start("demo: generating and storing the shop", customers, false);
      GeneratedShop shop = generator.generate(BATCH_SIZE, storing(ci, generating));
      double seconds = (System.nanoTime() - start) / 1e9;
      generating.finish(String.format(
          Locale.US, "%,d customers, %,d orders, %,d returns", shop.customers(), shop.orders(), shop.returns()));

      // The models first (the slow part), so that each phase is one line; the report keeps its order.
      ProgressPrinter.Task modelling = progress.start("demo: running the models (backtest, fit, score, product rules)");
      Models models = runModels(ci);
      ModelRun run = models.run();
      modelling.finish(run != null ? "model run " + run.id() : "not fitted");
      ProgressPrinter.Task reporting = progress.start("demo: writing the report");
      report.title(generator, today);
      report.shop(shop, generator, seconds, db);
      DateRange lastYear = DateRange.ofDays(end.minusYears(1).plusDays(1), end);
      List<CustomerRank> top = ci.customers().top(5, lastYear, currency);
      report.top(top, end.minusYears(1).plusDays(1), end);
      report.inactive(countInactive(ci), ci.customers().count(), today);
      report.models(models);
      report.affinity(affinity(ci, models));
      String sampleId = !top.isEmpty() ? top.get(0).customerId() : firstCustomer(ci);
      if (sampleId != null) {
        report.profile(ci.customers().profile(sampleId), !top.isEmpty(), modelView(ci, models, sampleId));
      }
      reporting.finish("done");
    } finally {
      progress.endLine(); // a failure's message then starts on a line of its own
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String line : report.lines) {
      out.println(line);
    }
    out.flush();
    return CustintelCli.OK;
  }

  /** @return a sink that stores each generated batch and shows how many customers and orders are stored */
  private Consumer<IngestBatch> storing(CustomerIntelligence ci, ProgressPrinter.Task task) {
    long[] stored = new long[2]; // customers, orders and returns
    return batch -> {
      ci.ingestion().ingest(batch);
      stored[0] += batch.customers().size();
      stored[1] += batch.orders().size();
      task.update(stored[0], "customers",
          String.format(Locale.US, "%,d of %,d customers, %,d orders and returns", stored[0], customers, stored[1]));
    };
  }

  /**
   * A count that stopped early.
   *
   * @param count customers counted
   * @param capped whether there are more
   */
  record Count(long count, boolean capped) {}

  /** @return customers inactive for {@link #INACTIVE_DAYS}, counted page by page up to the cap */
  private static Count countInactive(CustomerIntelligence ci) {
    CustomerQuery query = CustomerQuery.builder()
        .inactiveForAtLeastDays(INACTIVE_DAYS)
        .limit(CustomerQuery.MAX_LIMIT)
        .build();
    long count = 0;
    while (true) {
      CustomerPage page = ci.customers().query(query);
      count += page.items().size();
      if (!page.hasNext() || count >= INACTIVE_COUNT_CAP) {
        return new Count(count, page.hasNext());
      }
      query = query.withAfter(page.nextCursor());
    }
  }

  /**
   * What the model run gives the report; either {@code run} and the rest, or {@code error}.
   *
   * @param run the run, or null when the models could not be fitted
   * @param churn the churn summary of the run
   * @param atRisk the customers most worth winning back
   * @param top the customer with the highest value, or null when none has one
   * @param seconds wall time of the run
   * @param error why there is no run, or null
   */
  record Models(
      @Nullable ModelRun run,
      @Nullable ChurnSummary churn,
      List<AtRiskCustomer> atRisk,
      @Nullable LtvPrediction top,
      double seconds,
      @Nullable String error) {}

  /** Runs the models on the shop and reads back what the report shows; a shop too small for them is reported. */
  private static Models runModels(CustomerIntelligence ci) {
    long start = System.nanoTime();
    ModelRun run;
    try {
      run = ci.models().refresh();
    } catch (InvalidInputException | InsufficientDataException | ModelFitException e) {
      // Such as a shop without repeat purchases yet: the rest of the report is still worth printing.
      return new Models(null, null, List.of(), null, 0.0, CustintelCli.oneLine(e.getMessage()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<RankedValue> top = ci.ltv().top(1);
    LtvPrediction best = top.isEmpty() ? null : ci.ltv().predict(top.get(0).customerId());
    return new Models(run, ci.churn().summary(), ci.churn().atRisk(TOP_AT_RISK), best, seconds, null);
  }

  /**
   * What the demo shows of the run's product affinity.
   *
   * @param report the run's affinity report
   * @param pairs the strongest one-product rules, by lift
   * @param customer whose suggestions are shown (the top customer by value, or the first customer at risk with
   *     one), or null
   * @param suggestions cross-sell suggestions for that customer
   */
  record Affinity(
      AffinityReport report, List<ProductRule> pairs, @Nullable String customer,
      List<CrossSellSuggestion> suggestions) {}

  private static @Nullable Affinity affinity(CustomerIntelligence ci, Models m) {
    if (m.run() == null || m.run().affinity() == null) {
      return null;
    }
    List<ProductRule> pairs = ci.affinity().rules(
        RuleQuery.builder().maxAntecedentLength(1).orderBy(RuleOrder.LIFT).limit(TOP_PAIRS).build());
    // The top customer by value first; a heavy buyer may have bought every product the rules suggest, so then the
    // customers at risk, who are the ones a suggestion is for.
    List<String> candidates = new ArrayList<>();
    if (m.top() != null) {
      candidates.add(m.top().customerId());
    }
    m.atRisk().forEach(c -> candidates.add(c.customerId()));
    for (String customer : candidates) {
      List<CrossSellSuggestion> suggestions = ci.affinity().crossSell(customer, TOP_SUGGESTIONS);
      if (!suggestions.isEmpty()) {
        return new Affinity(m.run().affinity(), pairs, customer, suggestions);
      }
    }
    return new Affinity(m.run().affinity(), pairs, candidates.isEmpty() ? null : candidates.get(0), List.of());
  }

  /** @return the model run's view of the customer, or null when there is no run or it did not score them */
  private static @Nullable ChurnRisk modelView(CustomerIntelligence ci, Models models, String customerId) {
    if (models.run() == null) {
      return null;
    }
    try {
      return ci.churn().risk(customerId);
    } catch (NotFoundException notScored) {
      return null;
    }
  }

  private static @Nullable String firstCustomer(CustomerIntelligence ci) {
    List<CustomerSummary> items = ci.customers().query(CustomerQuery.builder().limit(1).build()).items();
    return items.isEmpty() ? null : items.get(0).customerId();
  }

  /** The report's lines. */
  static final class Report {
    private static final int LABEL = 18;
    final List<String> lines = new ArrayList<>();

    void title(ShopGenerator g, LocalDate today) {
      add("CUSTINTEL DEMO: A SYNTHETIC COFFEE-AND-TEA SHOP");
      add("Seed " + g.seed() + ", " + TextTable.count(g.customers()) + " customers, " + g.months()
          + " months to " + g.end() + ", " + g.currency().getCurrencyCode() + ". \"Today\" is " + today + ".");
    }

    void shop(GeneratedShop s, ShopGenerator g, double seconds, String db) {
      section("THE SHOP");
      String code = g.currency().getCurrencyCode();
      // Labels padded to the width of the key-value lines below, so that all values start in one column.
      TextTable t = new TextTable("LRL")
          .row(label("Customers"), TextTable.count(s.customers()))
          .row(label("Products"), TextTable.count(s.products()))
          .row(label("Orders"), TextTable.count(s.orders()), String.format(Locale.US, "%.1f per customer",
              s.customers() == 0 ? 0.0 : s.ordersPerCustomer()))
          .row(label("Order lines"), TextTable.count(s.orderLines()))
          .row(label("Returns"), TextTable.count(s.returns()))
          .row(label("Refunded"), TextTable.money(s.refunded().amount()), code)
          .row(label("Revenue"), TextTable.money(s.totalRevenue().amount()), code + ", net of returns");
      lines.addAll(t.lines(2));
      kv("Orders from", day(s.firstOrderAt()) + " to " + day(s.lastOrderAt()));
      kv("Database", db == null ? "H2, in memory" : CustintelCli.maskSecrets(db));
      kv("Time taken", String.format(Locale.US, "%.1f s to generate and store", seconds));
    }

    void top(List<CustomerRank> top, LocalDate from, LocalDate to) {
      section("TOP 5 CUSTOMERS BY SPEND, LAST 12 MONTHS (" + from + " to " + to + ")");
      if (top.isEmpty()) {
        add("  No purchases in the last 12 months.");
        return;
      }
      TextTable t = new TextTable("RLRR").header("#", "Customer", "Orders", "Net spend");
      for (CustomerRank r : top) {
        t.row(String.valueOf(r.rank()), r.customerId(), TextTable.count(r.orders()), money(r.netSpent()));
      }
      lines.addAll(t.lines(2));
    }

    void inactive(Count inactive, long withOrders, LocalDate today) {
      section("INACTIVE CUSTOMERS (NO PURCHASE FOR " + INACTIVE_DAYS + " DAYS OR MORE)");
      boolean capped = inactive.capped();
      long n = inactive.count();
      String share = withOrders == 0 || capped ? ""
          : String.format(Locale.US, " (%.1f%%)", 100.0 * n / withOrders);
      add("  " + (capped ? "At least " : "") + TextTable.count(n) + " of " + TextTable.count(withOrders)
          + " customers" + share + " have made no purchase in the last " + INACTIVE_DAYS + " days (since "
          + today.minusDays(INACTIVE_DAYS) + ").");
    }

    void models(Models m) {
      if (m.run() == null) {
        section("CHURN AND LIFETIME VALUE");
        add("  The models could not be fitted on this shop: " + m.error());
        return;
      }
      ModelRun run = m.run();
      // A run always comes with its churn summary (Models is made with both or neither).
      ChurnSummary churn = Objects.requireNonNull(m.churn(), "churn summary of the run");
      String horizon = run.valuation().horizon().toString();
      section("CHURN AND LIFETIME VALUE (MODEL RUN " + run.id() + ", PURCHASES TO " + run.data().asOf() + ")");
      TextTable levels = new TextTable("LRL")
          .row(label("Customers scored"), TextTable.count(churn.customers()))
          .row(label("Low risk"), TextTable.count(churn.low()), "churn risk under 50%")
          .row(label("Medium risk"), TextTable.count(churn.medium()), "50% to 80%")
          .row(label("High risk"), TextTable.count(churn.high()), "80% or more");
      lines.addAll(levels.lines(2));
      kv("Value at risk", money(churn.totalValueAtRisk()) + " over " + horizon
          + " (churn risk x value if still active)");
      kv("Expected value", money(churn.totalLifetimeValue()) + " over " + horizon + ", all customers");
      BacktestReport backtest = run.quality().backtest();
      if (backtest == null) {
        kv("Backtest", "skipped: " + run.quality().backtestSkipped());
      } else {
        kv("Backtest", String.format(Locale.US, "%.0f weeks from %s: %s repeat purchases predicted, %s actual",
            backtest.holdoutPeriods(), backtest.calibrationEnd().plusDays(1),
            TextTable.count(Math.round(backtest.predictedRepeatPurchases())),
            TextTable.count(backtest.actualRepeatPurchases())));
        if (backtest.churnAuc() != null) {
          kv("Churn AUC", String.format(Locale.US, "%.2f", backtest.churnAuc())
              + " (how well churn risk foretold who did not buy in those weeks; 0.5 is chance)");
        }
      }
      kv("Time taken", String.format(Locale.US, "%.1f s to backtest, fit, score and mine product rules (%s)",
          m.seconds(), run.fits().purchaseModel().model()));

      if (!m.atRisk().isEmpty()) {
        add("");
        add("  Top " + TOP_AT_RISK + " customers at risk, by value at risk");
        TextTable t = new TextTable("RLRRRRR")
            .header("#", "Customer", "Churn risk", "Value at risk", "If still active", "Repeat buys", "Last bought");
        int rank = 0;
        for (AtRiskCustomer c : m.atRisk()) {
          t.row(String.valueOf(++rank), c.customerId(), percent(c.churnRisk()), money(c.valueAtRisk()),
              money(c.valueIfActive()), TextTable.count(c.repeatPurchases()),
              days(c.daysSinceLastPurchaseAtRun()) + " ago");
        }
        lines.addAll(t.lines(4));
        add("    Repeat buys: days with a purchase after the first one (orders on the same day count once);"
            + " days are counted to " + run.data().asOf() + ".");
      }

      LtvPrediction top = m.top();
      if (top != null) {
        add("");
        add("  Top customer by " + horizon.replace(" months", "-month") + " value: " + top.customerId());
        add("    Value " + money(top.value()) + interval(top.intervalLevel(), top.low(), top.high()));
        add("    " + percent(top.probabilityAlive()) + " likely still buying; "
            + String.format(Locale.US, "%,.1f", top.expectedPurchases()) + " purchases of "
            + money(top.expectedSpendPerPurchase()) + " expected");
        add("    Why, against the median customer:");
        for (ValueDriver d : top.drivers().drivers()) {
          add("    - " + d.explanation());
        }
      }
    }

    void affinity(@Nullable Affinity a) {
      if (a == null) {
        return;
      }
      AffinityReport r = a.report();
      section("PRODUCTS BOUGHT TOGETHER (ASSOCIATION RULES OF THE SAME RUN)");
      kv("Baskets", TextTable.count(r.baskets()) + " orders holding " + TextTable.count(r.products()) + " products");
      kv("Rules", TextTable.count(r.rules()) + " (each in at least " + TextTable.count(r.minCount())
          + " orders, lift at least 1)");
      if (!a.pairs().isEmpty()) {
        add("");
        add("  Strongest pairs, by lift (how many times more often than by chance)");
        TextTable t = new TextTable("LLRRR").header("An order with", "also holds", "Orders", "Confidence", "Lift");
        for (ProductRule rule : a.pairs()) {
          t.row(productName(rule.antecedent().get(0)), productName(rule.consequent().get(0)),
              TextTable.count(rule.baskets()), percent(rule.confidence()),
              String.format(Locale.US, "%,.1f", rule.lift()));
        }
        lines.addAll(t.lines(4));
      }
      if (a.customer() != null) {
        add("");
        if (a.suggestions().isEmpty()) {
          add("  No rule applies to " + a.customer() + "'s purchases yet.");
          return;
        }
        add("  Suggested for " + a.customer() + " (lift x the value of the product's buyers)");
        TextTable t = new TextTable("LLR").header("Product", "because they bought", "Score");
        for (CrossSellSuggestion s : a.suggestions()) {
          t.row(productName(s.product()), String.join(" + ", s.rule().antecedent().stream()
              .map(Report::productName).toList()), String.format(Locale.US, "%,.1f", s.score()));
        }
        lines.addAll(t.lines(4));
      }
    }

    private static String productName(ProductRef p) {
      return p.name() == null ? p.productId() : p.name();
    }

    /**
     * @param p the profile
     * @param topSpender whether the customer is the top spender of the last 12 months
     * @param model the model run's view of the customer, or null when none: its repeat purchases are days, not
     *     orders, and the report says so beside the order count
     */
    void profile(CustomerProfile p, boolean topSpender, @Nullable ChurnRisk model) {
      section("SAMPLE CUSTOMER PROFILE: " + p.customerId() + (topSpender ? " (the top spender)" : ""));
      kv("Name", orDash(p.name()));
      kv("Email", orDash(p.email()));
      kv("Country", orDash(p.country()));
      kv("Signed up", p.signedUpAt() == null ? "-" : day(p.signedUpAt()));
      kv("Orders", TextTable.count(p.orders()) + (p.returns() == 0 ? "" : "  (" + TextTable.count(p.returns())
          + (p.returns() == 1 ? " return)" : " returns)")));
      if (model != null) {
        // The model counts days with a purchase, not orders: two orders on one day are one repeat purchase. Said
        // here, next to the order count, so the two figures do not look contradictory.
        kv("Purchase days", TextTable.count(model.repeatPurchases() + 1L) + "  (the first and "
            + TextTable.count(model.repeatPurchases()) + " repeat days to " + model.asOf()
            + "; orders on the same day count once, as the model counts them)");
      }
      kv("Total spent", p.totalSpent() == null ? "-" : money(p.totalSpent()) + "  (net of returns)");
      kv("Average order", p.averageOrderValue() == null ? "-" : money(p.averageOrderValue()));
      kv("First order", p.firstOrderAt() == null ? "-" : day(p.firstOrderAt()));
      kv("Last order", p.lastOrderAt() == null ? "-" : day(p.lastOrderAt())
          + (p.daysSinceLastOrder() == null ? "" : p.daysSinceLastOrder() == 0 ? "  (less than a day ago)"
              : "  (" + days(p.daysSinceLastOrder()) + " ago)"));
      kv("Customer for", p.tenureDays() == null ? "-" : days(p.tenureDays()));
      CustomerScores scores = p.scores();
      if (scores != null) {
        kv("Churn risk", percent(scores.churnRisk()) + "  (model run " + scores.runId() + ")");
        kv("Value, " + (long) Math.rint(scores.horizonMonths()) + " months", money(scores.lifetimeValue())
            + interval(scores.intervalLevel(), scores.lifetimeValueLow(), scores.lifetimeValueHigh()));
      }
      String code = p.totalSpent() == null ? "" : " " + p.totalSpent().currency().getCurrencyCode();
      if (!p.topProducts().isEmpty()) {
        add("");
        add("  Top products");
        TextTable t = new TextTable("LLLRRR").header("Id", "Name", "Category", "Units", "Orders", "Amount");
        for (ProductStat s : p.topProducts()) {
          t.row(s.productId(), TextTable.cut(s.name(), 40), orDash(s.category()), TextTable.count(s.quantity()),
              TextTable.count(s.orders()), TextTable.money(s.amount()) + code);
        }
        lines.addAll(t.lines(4));
      }
      if (!p.topCategories().isEmpty()) {
        add("");
        add("  Top categories");
        TextTable t = new TextTable("LRR").header("Category", "Units", "Amount");
        for (CategoryStat s : p.topCategories()) {
          t.row(s.category(), TextTable.count(s.quantity()), TextTable.money(s.amount()) + code);
        }
        lines.addAll(t.lines(4));
      }
    }

    private void section(String title) {
      add("");
      add(title);
      add("-".repeat(title.length()));
    }

    private static String label(String label) {
      return label + " ".repeat(Math.max(0, LABEL - 2 - label.length()));
    }

    private void kv(String label, String value) {
      add("  " + label + " ".repeat(Math.max(1, LABEL - label.length())) + value);
    }

    private void add(String line) {
      lines.add(line);
    }

    private static String money(Money m) {
      return TextTable.money(m.amount()) + " " + m.currency().getCurrencyCode();
    }

    private static String interval(double level, Money low, Money high) {
      return String.format(Locale.US, "  (%.0f%% interval ", 100 * level) + money(low) + " to " + money(high) + ")";
    }

    private static String percent(double share) {
      return String.format(Locale.US, "%.1f%%", 100 * share);
    }

    private static String day(Instant instant) {
      return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String days(long n) {
      return TextTable.count(n) + (n == 1 ? " day" : " days");
    }

    private static String orDash(@Nullable String s) {
      return s == null || s.isBlank() ? "-" : s;
    }
  }

  /** Reads {@code --currency}. */
  static final class CurrencyConverter implements ITypeConverter<Currency> {
    @Override
    public Currency convert(String value) {
      try {
        return Currency.getInstance(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not an ISO 4217 currency code such as EUR or USD");
      }
    }
  }
}
