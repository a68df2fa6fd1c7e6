package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.custintel.analytics.affinity.OnlineRetailOptions.ItemColumn;
import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UCI Online Retail reader against the market-basket recipe of C. Moffitt, "Introduction to Market Basket
 * Analysis in Python" (Practical Business Python, 2017; mlxtend {@code apriori} and {@code association_rules}) on
 * its France subset, and against counts computed here from the raw semicolon file. See data/affinity/README.md.
 */
class OnlineRetailRecipeTest {
  private static final Path DATA = Path.of(System.getProperty("custintel.dataDir", "../data"), "affinity");
  private static final Path FRANCE = DATA.resolve("online_retail_france.csv");
  private static final Path SMALL = DATA.resolve("online_retail_small.csv");
  private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
      + "Country\n";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** The recipe: no POSTAGE, apriori at 0.07, every antecedent/consequent split, lift ≥ 6 and confidence ≥ 0.8. */
  private static AssociationRules recipeRules(int maxConsequentLength) {
    Baskets baskets = OnlineRetailBaskets.read(FRANCE, OnlineRetailOptions.defaults().withExcluded(Set.of("POSTAGE")));
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.07).build());
    return AssociationRules.generate(itemsets, RuleOptions.builder().minConfidence(0.8).minLift(6)
        .minAntecedentLength(1).maxConsequentLength(maxConsequentLength).build());
  }

  @Test
  void france_recipe_gives392BasketsWithoutPostage() {
    Baskets baskets = OnlineRetailBaskets.read(FRANCE, OnlineRetailOptions.defaults().withExcluded(Set.of("POSTAGE")));
    Baskets withPostage = OnlineRetailBaskets.read(FRANCE);

    // 461 invoices, 69 of them cancellations.
    assertThat(baskets.size()).isEqualTo(392).isEqualTo(withPostage.size());
    assertThat(baskets.itemId("POSTAGE")).isEmpty();
    assertThat(withPostage.itemId("POSTAGE")).isPresent();
    assertThat(withPostage.itemCount()).isEqualTo(baskets.itemCount() + 1);
    // Descriptions are stripped: the file writes "ALARM CLOCK BAKELIKE RED " with a trailing space.
    assertThat(baskets.itemId("ALARM CLOCK BAKELIKE RED")).isPresent();
    assertThat(baskets.itemNames()).allSatisfy(name -> assertThat(name).isEqualTo(name.strip()));
    // A quoted description holding the delimiter and a doubled quote.
    assertThat(baskets.itemId("RECORD FRAME 7\" SINGLE SIZE")).isPresent();
    assertThat(baskets.itemId("FANCY FONT BIRTHDAY CARD,")).isPresent();
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.07).build());
    // 0.07 × 392 = 27.44: an itemset needs 28 baskets.
    assertThat(itemsets.minCount()).isEqualTo(28);
  }

  @Test
  void france_recipe_givesThePublishedEightRules() {
    AssociationRules rules = recipeRules(Integer.MAX_VALUE);

    assertThat(rules.size()).isEqualTo(8);
    Map<String, AssociationRule> byName = rules.rules().stream()
        .collect(Collectors.toMap(OnlineRetailRecipeTest::describe, Function.identity()));
    assertThat(byName.keySet()).containsExactlyInAnyOrder(
        "[ALARM CLOCK BAKELIKE GREEN] => [ALARM CLOCK BAKELIKE RED]",
        "[ALARM CLOCK BAKELIKE RED] => [ALARM CLOCK BAKELIKE GREEN]",
        "[SET/20 RED RETROSPOT PAPER NAPKINS, SET/6 RED SPOTTY PAPER CUPS] => [SET/6 RED SPOTTY PAPER PLATES]",
        "[SET/20 RED RETROSPOT PAPER NAPKINS, SET/6 RED SPOTTY PAPER PLATES] => [SET/6 RED SPOTTY PAPER CUPS]",
        "[SET/6 RED SPOTTY PAPER PLATES] => [SET/6 RED SPOTTY PAPER CUPS]",
        "[SET/6 RED SPOTTY PAPER CUPS] => [SET/6 RED SPOTTY PAPER PLATES]",
        "[SET/6 RED SPOTTY PAPER CUPS, SET/6 RED SPOTTY PAPER PLATES] => [SET/20 RED RETROSPOT PAPER NAPKINS]",
        "[SET/6 RED SPOTTY PAPER PLATES] => [SET/20 RED RETROSPOT PAPER NAPKINS]");

    // The recipe's table, to its 6 decimals.
    AssociationRule alarm = byName.get("[ALARM CLOCK BAKELIKE GREEN] => [ALARM CLOCK BAKELIKE RED]");
    assertRoundsTo(alarm.antecedentSupport(), 0.096939, 6);
    assertRoundsTo(alarm.consequentSupport(), 0.094388, 6);
    assertRoundsTo(alarm.support(), 0.079082, 6);
    assertRoundsTo(alarm.confidence(), 0.815789, 6);
    assertRoundsTo(alarm.lift(), 8.642959, 6);
    assertRoundsTo(alarm.leverage(), 0.069932, 6);
    assertRoundsTo(alarm.conviction(), 4.916181, 6);
    AssociationRule party = byName.get(
        "[SET/20 RED RETROSPOT PAPER NAPKINS, SET/6 RED SPOTTY PAPER CUPS] => [SET/6 RED SPOTTY PAPER PLATES]");
    assertRoundsTo(party.confidence(), 0.975, 3);
    assertRoundsTo(party.lift(), 7.644, 3);
    // Exactly 0.8 (40 / 50) is kept, as pandas' ">= 0.8" keeps it.
    AssociationRule edge = byName.get("[SET/6 RED SPOTTY PAPER PLATES] => [SET/20 RED RETROSPOT PAPER NAPKINS]");
    assertThat(edge.count()).isEqualTo(40);
    assertThat(edge.confidence()).isCloseTo(0.8, offset(1e-15));
  }

  @Test
  void france_recipe_rulesWithOneItemConsequentsAreTheSameEight() {
    // mlxtend splits itemsets every way; here no rule with a longer consequent passes the thresholds.
    assertThat(recipeRules(1).rules()).containsExactlyInAnyOrderElementsOf(recipeRules(Integer.MAX_VALUE).rules());
  }

  @Test
  void semicolonFile_readsOneBasketPerInvoiceAsCountedFromTheRawFile() throws IOException {
    RawCounts raw = RawCounts.of(SMALL, 2);
    Baskets baskets = OnlineRetailBaskets.read(SMALL);

    assertThat(raw.invoices).isEqualTo(181);
    assertThat(raw.cancellations).isEqualTo(26);
    assertThat(baskets.size()).isEqualTo(raw.baskets.size()).isLessThanOrEqualTo(181 - 26);
    assertThat(baskets.itemCount()).isEqualTo(raw.itemCounts.size());
    int[] counts = baskets.itemCounts();
    for (Map.Entry<String, Integer> e : raw.itemCounts.entrySet()) {
      assertThat(counts[baskets.itemId(e.getKey()).orElseThrow()]).as(e.getKey()).isEqualTo(e.getValue());
    }
    // The one quoted field: "RECORD FRAME 7"" SINGLE SIZE " with a leading space on many descriptions stripped.
    assertThat(baskets.itemId("RECORD FRAME 7\" SINGLE SIZE")).isPresent();
    assertThat(baskets.itemId("DOLLY GIRL BEAKER")).isPresent();
  }

  @Test
  void stockCodes_nameTheItemsWhenAsked() throws IOException {
    RawCounts raw = RawCounts.of(SMALL, 1);
    Baskets byCode = OnlineRetailBaskets.read(SMALL, OnlineRetailOptions.defaults().withItems(ItemColumn.STOCK_CODE));

    assertThat(byCode.size()).isEqualTo(raw.baskets.size());
    assertThat(byCode.itemCount()).isEqualTo(raw.itemCounts.size());
    assertThat(byCode.itemId("22041")).isPresent();
    assertThat(byCode.itemId("RECORD FRAME 7\" SINGLE SIZE")).isEmpty();
    int[] counts = byCode.itemCounts();
    for (Map.Entry<String, Integer> e : raw.itemCounts.entrySet()) {
      assertThat(counts[byCode.itemId(e.getKey()).orElseThrow()]).as(e.getKey()).isEqualTo(e.getValue());
    }
    // By stock code, the recipe's POSTAGE is POST.
    Baskets france = OnlineRetailBaskets.read(FRANCE, new OnlineRetailOptions(ItemColumn.STOCK_CODE, Set.of("POST")));
    assertThat(france.size()).isEqualTo(392);
    assertThat(france.itemId("POST")).isEmpty();
  }

  @Test
  void quantitiesAreSummedPerInvoiceAndItem() throws IOException {
    Path file = write("retail.csv",
        ",invoiceno,DESCRIPTION,quantity,stockcode,UnitPrice,CustomerID,InvoiceDate,Country\n"
            + "0,1, A ,2,10,1.0,,1/1/2011 9:00,France\n" // blank CustomerID: kept
            + "1,1,A,-2,10,1.0,17.0,1/1/2011 9:00,France\n" // A sums to 0: not in the basket
            + "2,1,B,1,11,1.0,17.0,1/1/2011 9:00,France\n"
            + "\n"
            + "3,C2,B,-1,11,1.0,17.0,1/1/2011 9:00,France\n" // cancellation: dropped
            + "4,3,POSTAGE,1,POST,18.0,17.0,1/1/2011 9:00,France\n" // excluded: an empty basket, counted
            + "5,4,,5,12,0.0,,1/1/2011 9:00,France\n" // blank description: no row, so no basket
            + "6,1,\"B\",2,11,1.0,17.0,1/1/2011 9:00,France\n"
            + "7,5,B,-3,11,1.0,17.0,1/1/2011 9:00,France\n" // only a negative row: an empty basket
            + "8,6,D,1,13,1.0,,1/1/2011 9:00,France\n"); // only a row without customer: a basket

    Baskets baskets = OnlineRetailBaskets.read(file, OnlineRetailOptions.defaults().withExcluded(List.of("POSTAGE")));
    Baskets byCode = OnlineRetailBaskets.read(file, OnlineRetailOptions.defaults().withItems(ItemColumn.STOCK_CODE));

    assertThat(baskets.size()).isEqualTo(4);
    assertThat(baskets.itemNames()).containsExactly("B", "D");
    assertThat(baskets.basket(0)).containsExactly(0);
    assertThat(baskets.basketSize(1)).isZero();
    assertThat(baskets.basketSize(2)).isZero();
    assertThat(baskets.basket(3)).containsExactly(1);
    assertThat(byCode.size()).isEqualTo(5);
    assertThat(byCode.itemNames()).containsExactly("11", "POST", "12", "13");
    assertThat(byCode.itemCounts()).containsExactly(1, 1, 1, 1);
  }

  @Test
  void malformedRows_failNamingTheLineAndColumn() throws IOException {
    Path quantity = write("q.csv", HEADER + "1,10,A,2,1/1/2011 9:00,1.0,17,France\n\n1,11,B,two,1/1/2011 9:00,1.0,17,"
        + "France\n");
    Path columns = write("c.csv", HEADER + "1,10,A,2,1/1/2011 9:00,1.0,17\n");
    Path quote = write("u.csv", HEADER + "1,10,\"A,2,1/1/2011 9:00,1.0,17,France\n");
    Path invoice = write("i.csv", HEADER + " ,10,A,2,1/1/2011 9:00,1.0,17,France\n");

    assertThatThrownBy(() -> OnlineRetailBaskets.read(quantity)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid line 4: Quantity must be an integer (was 'two')")
        .satisfies(e -> assertThat(((InvalidInputException) e).record()).isEqualTo("line 4"));
    assertThatThrownBy(() -> OnlineRetailBaskets.read(columns)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2").hasMessageContaining("row has 7 columns, expected 8");
    assertThatThrownBy(() -> OnlineRetailBaskets.read(quote)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2").hasMessageContaining("unterminated quote");
    assertThatThrownBy(() -> OnlineRetailBaskets.read(invoice)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid line 2: InvoiceNo is blank");
  }

  @Test
  void badFiles_failWithTypedErrors() throws IOException {
    Path empty = write("empty.csv", "\n\n");
    Path headerOnly = write("header.csv", HEADER);
    Path groceries = DATA.resolve("groceries.csv");
    Path missing = dir.resolve("missing.csv");

    assertThatThrownBy(() -> OnlineRetailBaskets.read(empty)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid empty.csv: file is empty");
    assertThatThrownBy(() -> OnlineRetailBaskets.read(headerOnly)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid header.csv: file has a header but no rows");
    assertThatThrownBy(() -> OnlineRetailBaskets.read(groceries)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("InvoiceNo is missing from the header");
    assertThatThrownBy(() -> OnlineRetailBaskets.read(missing)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid missing.csv: file does not exist");
    assertThatThrownBy(() -> OnlineRetailOptions.defaults().withExcluded(List.of(" ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("excluded");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String describe(AssociationRule rule) {
    return rule.antecedentNames().stream().sorted().toList() + " => " + rule.consequentNames().stream().sorted()
        .toList();
  }

  /** The value rounds to the published one at its number of decimals. */
  private static void assertRoundsTo(double value, double published, int decimals) {
    assertThat(value).isCloseTo(published, offset(0.5 * Math.pow(10, -decimals) + 1e-12));
  }

  /**
   * Counts from the raw semicolon file without the SDK's CSV code: the file's only quoted field has no semicolon
   * inside, so splitting at every {@code ;} and then unquoting is enough.
   */
  private static final class RawCounts {
    int invoices;
    int cancellations;
    final Map<String, Map<String, Integer>> baskets = new LinkedHashMap<>();
    final Map<String, Integer> itemCounts = new TreeMap<>();

    /** @param itemColumn 1 for StockCode, 2 for Description */
    static RawCounts of(Path file, int itemColumn) throws IOException {
      RawCounts raw = new RawCounts();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(lines.get(0)).startsWith("InvoiceNo;StockCode;Description;Quantity;");
      Map<String, Boolean> seen = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(";", -1);
        assertThat(f).hasSize(8);
        if (seen.put(f[0], Boolean.TRUE) == null) {
          raw.invoices++;
          raw.cancellations += f[0].startsWith("C") ? 1 : 0;
        }
        String item = unquote(f[itemColumn]).strip();
        if (!f[0].startsWith("C") && !item.isEmpty()) {
          raw.baskets.computeIfAbsent(f[0], k -> new HashMap<>()).merge(item, Integer.parseInt(f[3]), Integer::sum);
        }
      }
      for (Map<String, Integer> basket : raw.baskets.values()) {
        basket.forEach((item, quantity) -> {
          if (quantity >= 1) {
            raw.itemCounts.merge(item, 1, Integer::sum);
          }
        });
      }
      return raw;
    }

    private static String unquote(String field) {
      return field.startsWith("\"") && field.endsWith("\"")
          ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }
  }
}
