package dev.custintel.core.internal.generate;

import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated catalog: products, their unit prices, their popularity and which products are bought together.
 * Immutable once built. Not API.
 *
 * <p>Popularity is Zipf-like: products are ranked in a seeded random order and the product of rank {@code k}
 * (1-based) is drawn with weight {@code w(category) / k^0.9}, so a few products sell a lot and most sell a little
 * — the long tail of real shops — while consumables (coffee, tea, filters) outsell grinders.
 */
public final class Catalog {
  /** Zipf exponent of product popularity. */
  static final double ZIPF_EXPONENT = 0.9;

  private static final long CATALOG_SALT = 0x636174616C6F6755L;

  private final List<Product> products;
  private final long[] priceCents;
  private final BigDecimal[] prices;
  private final Map<String, Integer> indexById;
  private final WeightedChoice popularity;
  private final int[] stapleProducts;
  private final WeightedChoice staples;
  private final int[] affinityOf;
  private final double[] affinityProbability;
  private final int[][] companions;
  private final WeightedChoice[] companionChoice;

  private Catalog(
      List<Product> products,
      long[] priceCents,
      double[] popularityWeights,
      List<String> tags,
      List<CatalogData.Affinity> rules) {
    int n = products.size();
    this.products = List.copyOf(products);
    this.priceCents = priceCents;
    this.prices = new BigDecimal[n];
    this.indexById = new HashMap<>();
    for (int i = 0; i < n; i++) {
      prices[i] = BigDecimal.valueOf(priceCents[i], 2);
      indexById.put(products.get(i).id(), i);
    }
    this.popularity = new WeightedChoice(popularityWeights);

    List<Integer> stapleList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (CatalogData.STAPLE_TAGS.contains(tags.get(i))) {
        stapleList.add(i);
      }
    }
    this.stapleProducts = stapleList.stream().mapToInt(Integer::intValue).toArray();
    double[] stapleWeights = new double[stapleProducts.length];
    for (int i = 0; i < stapleProducts.length; i++) {
      stapleWeights[i] = popularityWeights[stapleProducts[i]];
    }
    this.staples = new WeightedChoice(stapleWeights);

    // Keep only rules whose anchors and companions both made it into the catalog.
    this.affinityOf = new int[n];
    Arrays.fill(affinityOf, -1);
    List<Double> probabilities = new ArrayList<>();
    List<int[]> companionLists = new ArrayList<>();
    for (CatalogData.Affinity rule : rules) {
      List<Integer> anchors = new ArrayList<>();
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (tags.get(i).equals(rule.anchorTag())) {
          anchors.add(i);
        } else if (tags.get(i).equals(rule.companionTag())) {
          members.add(i);
        }
      }
      if (anchors.isEmpty() || members.isEmpty()) {
        continue;
      }
      int group = probabilities.size();
      for (int anchor : anchors) {
        affinityOf[anchor] = group;
      }
      probabilities.add(rule.probability());
      companionLists.add(members.stream().mapToInt(Integer::intValue).toArray());
    }
    this.affinityProbability = probabilities.stream().mapToDouble(Double::doubleValue).toArray();
    this.companions = companionLists.toArray(new int[0][]);
    this.companionChoice = new WeightedChoice[companions.length];
    for (int g = 0; g < companions.length; g++) {
      double[] weights = new double[companions[g].length];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = popularityWeights[companions[g][i]];
      }
      companionChoice[g] = new WeightedChoice(weights);
    }
  }

  /**
   * Builds the catalog of a seed: which variants of each family are sold, their prices and their popularity.
   *
   * @param seed the generator seed
   * @return the catalog (200 products in 11 categories)
   */
  public static Catalog generate(long seed) {
    Sampler sampler = new Sampler(Sampler.mix(seed ^ CATALOG_SALT));
    List<Candidate> chosen = new ArrayList<>();
    for (CatalogData.Category category : CatalogData.categories()) {
      chosen.addAll(pick(category, sampler));
    }
    int n = chosen.size();
    // Popularity ranks: a seeded random permutation, so that which product is the bestseller varies by seed.
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[i] = i;
    }
    shuffle(rank, sampler);
    List<Product> products = new ArrayList<>(n);
    long[] cents = new long[n];
    double[] weights = new double[n];
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Candidate c = chosen.get(i);
      products.add(new Product(productId(i + 1), c.name(), c.category()));
      cents[i] = c.priceCents();
      weights[i] = c.categoryWeight() / StrictMath.pow(rank[i] + 1.0, ZIPF_EXPONENT);
      tags.add(c.tag());
    }
    return new Catalog(products, cents, weights, tags, CatalogData.affinities());
  }

  /** Picks a category's products: round-robin over its families, so every family is represented. */
  private static List<Candidate> pick(CatalogData.Category category, Sampler sampler) {
    List<List<Candidate>> perFamily = new ArrayList<>();
    for (CatalogData.Family family : category.families()) {
      List<Candidate> variants = new ArrayList<>();
      for (CatalogData.Part head : family.heads()) {
        for (CatalogData.Part tail : family.tails()) {
          String name = name(family.headFirst(), head.label(), tail.label());
          String tag = tail.tag() != null ? tail.tag() : head.tag() != null ? head.tag() : family.tag();
          double base = family.low() + (family.high() - family.low()) * sampler.uniform();
          long cents = roundPrice(base * head.factor() * tail.factor(), sampler);
          variants.add(new Candidate(name, category.name(), tag, cents, category.weight()));
        }
      }
      shuffleList(variants, sampler);
      perFamily.add(variants);
    }
    shuffleList(perFamily, sampler);
    List<Candidate> picked = new ArrayList<>();
    for (int round = 0; picked.size() < category.quota(); round++) {
      boolean any = false;
      for (List<Candidate> variants : perFamily) {
        if (round < variants.size() && picked.size() < category.quota()) {
          picked.add(variants.get(round));
          any = true;
        }
      }
      if (!any) {
        throw new IllegalStateException("category " + category.name() + " has fewer variants than its quota");
      }
    }
    // Ids run through the catalog category by category, alphabetically within a category, as a shop lists them.
    picked.sort(Comparator.comparing(Candidate::name));
    return picked;
  }

  private static String name(boolean headFirst, String head, String tail) {
    if (tail.isEmpty()) {
      return head;
    }
    if (head.isEmpty()) {
      return tail;
    }
    return headFirst ? head + " " + tail : tail + ", " + head;
  }

  /**
   * Rounds a price to the endings shops use: x.50/x.90/x.95/x.99 below 10, also whole amounts below 100, and
   * x9.00/x9.90/x9.99 from 100 up.
   */
  static long roundPrice(double raw, Sampler sampler) {
    if (raw < 10.0) {
      long whole = Math.max(1L, (long) raw);
      return whole * 100 + pickOf(sampler, 50, 90, 95, 99);
    }
    if (raw < 100.0) {
      return (long) raw * 100 + pickOf(sampler, 0, 50, 90, 95, 99);
    }
    long tens = (long) (raw / 10.0);
    return (tens * 10 + 9) * 100 + pickOf(sampler, 0, 0, 90, 99);
  }

  private static int pickOf(Sampler sampler, int... values) {
    return values[sampler.nextInt(values.length)];
  }

  private static void shuffle(int[] values, Sampler sampler) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = sampler.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private static <T> void shuffleList(List<T> values, Sampler sampler) {
    for (int i = values.size() - 1; i > 0; i--) {
      int j = sampler.nextInt(i + 1);
      T t = values.get(i);
      values.set(i, values.get(j));
      values.set(j, t);
    }
  }

  /** Formats {@code P-0001}; four digits, more when needed. */
  static String productId(int number) {
    return Ids.format("P-", number, 4);
  }

  /** @return the products, in id order */
  public List<Product> products() {
    return products;
  }

  /** @return the number of products */
  public int size() {
    return products.size();
  }

  /**
   * @param product a product index
   * @return its unit price in cents of the currency (hundredths)
   */
  public long priceCents(int product) {
    return priceCents[product];
  }

  /**
   * @param product a product index
   * @return its unit price, two decimals
   */
  public BigDecimal price(int product) {
    return prices[product];
  }

  /**
   * @param productId a product id
   * @return its index, or -1 when the catalog has no such product
   */
  public int indexOf(String productId) {
    Integer index = indexById.get(productId);
    return index == null ? -1 : index;
  }

  /**
   * @param sampler the random stream
   * @return a product index drawn by popularity
   */
  public int popular(Sampler sampler) {
    return popularity.next(sampler);
  }

  /**
   * @param sampler the random stream
   * @return a consumable (coffee, tea) drawn by popularity, for a customer to adopt as a staple
   */
  public int staple(Sampler sampler) {
    return stapleProducts[staples.next(sampler)];
  }

  /**
   * @param product a product index
   * @return its affinity group, or -1 when buying it does not pull in a companion
   */
  public int affinityGroup(int product) {
    return affinityOf[product];
  }

  /**
   * @param group an affinity group
   * @return the chance that an order with one of the group's anchors also gets one of its companions
   */
  public double affinityProbability(int group) {
    return affinityProbability[group];
  }

  /**
   * @param group an affinity group
   * @param sampler the random stream
   * @return a companion product of the group, drawn by popularity
   */
  public int companion(int group, Sampler sampler) {
    return companions[group][companionChoice[group].next(sampler)];
  }

  /** A variant chosen for the catalog. */
  private record Candidate(String name, String category, String tag, long priceCents, double categoryWeight) {}
}
