package dev.custintel.examples.cli;

import dev.custintel.analytics.affinity.AssociationRules;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.MiningLimitException;
import dev.custintel.analytics.affinity.MiningOptions;
import dev.custintel.analytics.affinity.OnlineRetailOptions;
import dev.custintel.analytics.affinity.RuleOptions;
import dev.custintel.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custintel affinity mine}: frequent itemsets and association rules of a basket file, as JSON or CSV. The
 * options, the JSON keys and the CSV columns are a contract other tools rely on.
 */
@Command(
    name = "mine",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Finds the itemsets contained in at least --min-support of the baskets (FP-growth, exact counts: an itemset "
          + "is frequent iff its count is at least ceil(S x N) for N baskets, the arules semantics) and, with "
          + "--min-confidence, the association rules X => Y between them whose confidence and lift reach the "
          + "minimums: X has 1 item or more, Y 1 to --max-consequent items. Measures: support = count(X u Y) / N; "
          + "confidence = supp(X u Y) / supp(X); lift = confidence / supp(Y); leverage = supp(X u Y) - "
          + "supp(X) supp(Y); conviction = (1 - supp(Y)) / (1 - confidence).",
      "JSON (default) on stdout: {\"transactions\": N, \"items\": distinct items, \"frequentItemsets\": K, "
          + "\"itemsetsByLength\": {\"1\": .., \"2\": ..}, \"rules\": R, \"rulesByLength\": {\"3\": ..}, "
          + "\"elapsedMillis\": .., \"topRules\": [{\"antecedent\": [..], \"consequent\": [..], \"support\": .., "
          + "\"confidence\": .., \"lift\": .., \"leverage\": .., \"conviction\": ..}]}. By-length maps leave out "
          + "lengths with no itemset or rule; a rule's length counts both sides. The items of a side are listed in "
          + "the order they first appear in the baskets. rules, rulesByLength and topRules "
          + "(the 20 rules of highest lift) are there only with --min-confidence. elapsedMillis is the time spent "
          + "mining and generating rules, not reading the file. A rule with confidence 1 has an infinite "
          + "conviction, written null.",
      "CSV (--output csv, needs --min-confidence) on stdout: every rule, by descending lift, under the header "
          + "antecedent,consequent,support,confidence,lift,leverage,conviction. The items of a side are joined by "
          + "' | ' (a space, a vertical bar, a space); a field holding a comma, quote or line break is quoted as in "
          + "RFC 4180; numbers are plain decimals (the shortest that read back as the same double); an infinite "
          + "conviction is written inf. A one-line summary goes to stderr.",
      "Formats: fimi = one basket per line, space-separated integer item ids; basket-csv = one basket per line, "
          + "comma-separated item names, no header (groceries.csv); online-retail = the UCI Online Retail columns "
          + "(comma- or semicolon-separated, with a header), one basket per invoice: cancellations (invoice C...) "
          + "dropped, items named by their stripped Description (or --items stock-code), quantities summed per "
          + "invoice and item and the item kept iff the sum is 1 or more. The Practical Business Python recipe "
          + "also drops postage: --exclude POSTAGE.",
      "Exit code 1 if the file is missing or cannot be read in the format (the message names the line), or the "
          + "result exceeds 1,000,000 itemsets or rules; 2 for a bad option."
    },
    footer = {
      "",
      "Examples:",
      "  custintel affinity mine --baskets groceries.csv --format basket-csv \\",
      "      --min-support 0.001 --min-confidence 0.8",
      "  custintel affinity mine --baskets online_retail_france.csv \\",
      "      --format online-retail --exclude POSTAGE --min-support 0.07 \\",
      "      --min-confidence 0.8 --min-lift 6 --max-consequent 10 --output csv > rules.csv"
    })
final class AffinityMineCommand extends FileCommand {

  @Option(
      names = "--baskets",
      required = true,
      paramLabel = "FILE",
      description = "The basket file (UTF-8); - reads standard input")
  Path baskets;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = BasketFormat.Converter.class,
      completionCandidates = BasketFormat.Names.class,
      description = "The file's layout: ${COMPLETION-CANDIDATES}")
  BasketFormat format;

  @Option(
      names = "--min-support",
      paramLabel = "S",
      description = "Minimum support, a fraction of the baskets above 0 and at most 1, such as 0.01; or give "
          + "--min-count")
  @Nullable Double minSupport;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      description = "Minimum support as a number of baskets, 1 or more, instead of --min-support")
  @Nullable Integer minCount;

  @Option(
      names = "--min-confidence",
      paramLabel = "C",
      description = "Minimum confidence of a rule, from 0 to 1; without it no rules are generated")
  @Nullable Double minConfidence;

  @Option(
      names = "--min-lift",
      paramLabel = "L",
      description = "Minimum lift of a rule, 0 or more (default: 0, no minimum); needs --min-confidence")
  @Nullable Double minLift;

  @Option(
      names = "--max-length",
      paramLabel = "K",
      description = "Longest itemset mined, 1 or more (default: no limit); rules are at most this long too")
  @Nullable Integer maxLength;

  @Option(
      names = "--max-consequent",
      paramLabel = "K",
      description = "Most items on the right of a rule, 1 or more (default: 1, as in arules); needs "
          + "--min-confidence")
  @Nullable Integer maxConsequent;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json or csv (default: ${DEFAULT-VALUE}); csv needs --min-confidence")
  String output;

  @Option(
      names = "--items",
      paramLabel = "COLUMN",
      converter = BasketFormat.ItemColumnConverter.class,
      completionCandidates = BasketFormat.ItemColumnNames.class,
      description = "online-retail only: the column naming the items, ${COMPLETION-CANDIDATES} (default: "
          + "description)")
  OnlineRetailOptions.@Nullable ItemColumn items;

  @Option(
      names = "--exclude",
      paramLabel = "ITEM",
      description = "online-retail only: leave this item (as named by --items, stripped) out of every basket; "
          + "repeatable. The recipe's postage drop is --exclude POSTAGE (--exclude POST with --items stock-code)")
  List<String> exclude = new ArrayList<>();

  @Override
  public Integer call() {
    MiningOptions mining = miningOptions();
    RuleOptions rules = ruleOptions();
    boolean csv = csvOutput();
    OnlineRetailOptions onlineRetail = onlineRetailOptions();

    Path file = ClvInput.readable("--baskets", baskets);
    Baskets read;
    try {
      read = format.read(file, onlineRetail);
    } catch (InvalidInputException e) {
      throw new CliException("--baskets: cannot read '" + baskets + "' as " + format.cliName()
          + " (check --format): " + e.getMessage());
    }

    long start = System.nanoTime();
    FrequentItemsets itemsets;
    try {
      itemsets = FpGrowth.mine(read, mining);
    } catch (MiningLimitException e) {
      throw new CliException("more than " + TextTable.count(e.value()) + " frequent itemsets: raise --min-support "
          + "or --min-count, or set --max-length");
    }
    AssociationRules found = null;
    if (rules != null) {
      try {
        found = AssociationRules.generate(itemsets, rules);
      } catch (MiningLimitException e) {
        throw new CliException("more than " + TextTable.count(e.value()) + " rules: raise --min-confidence, "
            + "--min-lift or --min-support, or lower --max-consequent");
      }
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    if (csv) {
      // csvOutput() refused CSV without --min-confidence, so there are rules.
      AssociationRules all = Objects.requireNonNull(found, "rules");
      AffinityOutput.csv(out(), all);
      PrintWriter err = err();
      err.println("custintel: " + TextTable.count(all.size()) + " rules from " + TextTable.count(itemsets.size())
          + " frequent itemsets of " + TextTable.count(read.size()) + " baskets (" + elapsedMillis + " ms)");
      err.flush();
    } else {
      Json.print(out(), AffinityOutput.json(read, itemsets, found, elapsedMillis));
    }
    return CustintelCli.OK;
  }

  private MiningOptions miningOptions() {
    MiningOptions.Builder builder = MiningOptions.builder();
    if (minSupport != null && minCount != null) {
      throw usage("--min-support and --min-count are alternatives: give one");
    }
    if (minSupport != null) {
      if (!(minSupport > 0 && minSupport <= 1)) {
        throw usage("--min-support must be a fraction above 0 and at most 1, such as 0.01 (was " + minSupport
            + ")");
      }
      builder.minSupport(minSupport);
    } else if (minCount != null) {
      if (minCount < 1) {
        throw usage("--min-count must be 1 or more (was " + minCount + ")");
      }
      builder.minCount(minCount);
    } else {
      throw usage("Missing required option: '--min-support=S' (or '--min-count=N')");
    }
    if (maxLength != null) {
      if (maxLength < 1) {
        throw usage("--max-length must be 1 or more (was " + maxLength + ")");
      }
      builder.maxLength(maxLength);
    }
    return builder.build();
  }

  /** @return the rule options, or null without --min-confidence */
  private @Nullable RuleOptions ruleOptions() {
    if (minConfidence == null) {
      if (minLift != null || maxConsequent != null) {
        throw usage((minLift != null ? "--min-lift" : "--max-consequent")
            + " needs --min-confidence: rules are generated only with a minimum confidence");
      }
      return null;
    }
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw usage("--min-confidence must be from 0 to 1, such as 0.8 (was " + minConfidence + ")");
    }
    if (minLift != null && !(minLift >= 0 && minLift < Double.POSITIVE_INFINITY)) {
      throw usage("--min-lift must be a number, 0 or more (was " + minLift + ")");
    }
    if (maxConsequent != null && maxConsequent < 1) {
      throw usage("--max-consequent must be 1 or more (was " + maxConsequent + ")");
    }
    return RuleOptions.builder()
        .minConfidence(minConfidence)
        .minLift(minLift == null ? 0 : minLift)
        .minAntecedentLength(1)
        .maxConsequentLength(maxConsequent == null ? 1 : maxConsequent)
        .build();
  }

  /** @return whether the output is CSV */
  private boolean csvOutput() {
    if ("json".equalsIgnoreCase(output)) {
      return false;
    }
    if (!"csv".equalsIgnoreCase(output)) {
      throw usage("--output must be json or csv (was '" + output + "')");
    }
    if (minConfidence == null) {
      throw usage("--output csv needs --min-confidence: the CSV lists rules");
    }
    return true;
  }

  private OnlineRetailOptions onlineRetailOptions() {
    if (format != BasketFormat.ONLINE_RETAIL && (items != null || !exclude.isEmpty())) {
      throw usage((items != null ? "--items" : "--exclude") + " applies to --format online-retail only (was "
          + format.cliName() + ")");
    }
    for (String item : exclude) {
      if (item.isBlank()) {
        throw usage("--exclude must name an item (was blank)");
      }
    }
    OnlineRetailOptions options =
        OnlineRetailOptions.defaults().withExcluded(exclude.stream().map(String::strip).toList());
    return items == null ? options : options.withItems(items);
  }
}
