package dev.custintel.core.internal.generate;

/**
 * Turns an order's target value into products and quantities. Reuses its arrays from order to order (one per
 * simulation run, not thread-safe). Not API.
 *
 * <p>The target value is realised through choices a shopper makes, not by inventing prices:
 *
 * <ul>
 *   <li>lines: {@code 1 + Poisson(max(0, z / 18 - 1))}, at most 6 — a 35 basket has about two lines, a 100
 *       basket about five;
 *   <li>the first line is the customer's staple (a coffee or tea they re-buy) with probability 0.45;
 *   <li>every other line draws three products by popularity and keeps the one whose price is closest (in ratio)
 *       to the remaining target per remaining line — big spenders end up with grinders and kettles, small ones
 *       with filters and biscuits, and popularity stays Zipf-like;
 *   <li>a product with an affinity rule ("teapot + loose tea") pulls in a companion with the rule's probability;
 *   <li>products are distinct within an order; cheap lines (up to 25) get a second or third unit with
 *       probability 0.5 each while the target is not reached, so most quantities stay 1.
 * </ul>
 */
final class BasketBuilder {
  static final int MAX_LINES = 6;

  /** Typical value of one line, in currency units: sets how many lines a target value asks for. */
  private static final double LINE_VALUE = 18.0;

  private static final double STAPLE_SHARE = 0.45;
  private static final int CANDIDATES = 3;
  private static final long MULTI_UNIT_MAX_CENTS = 2_500;
  private static final int MAX_QUANTITY = 6;

  private final Catalog catalog;
  private final int[] products = new int[MAX_LINES];
  private final int[] quantities = new int[MAX_LINES];
  private int size;

  BasketBuilder(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Fills the basket.
   *
   * @param target target value of the order, in currency units
   * @param staple the customer's staple product
   * @param sampler the customer's random stream
   */
  void fill(double target, int staple, Sampler sampler) {
    size = 0;
    int wanted = Math.min(MAX_LINES, 1 + sampler.poisson(Math.max(0.0, target / LINE_VALUE - 1.0)));
    double remaining = target;
    for (int line = 0; line < wanted && size < MAX_LINES; line++) {
      int product;
      if (line == 0 && sampler.chance(STAPLE_SHARE)) {
        product = staple;
      } else {
        product = choose(Math.max(2.0, remaining / (wanted - line)), sampler);
        if (product < 0) {
          break;
        }
      }
      remaining -= add(product);
      int group = catalog.affinityGroup(product);
      if (group >= 0 && size < MAX_LINES && sampler.chance(catalog.affinityProbability(group))) {
        int companion = catalog.companion(group, sampler);
        if (!contains(companion)) {
          remaining -= add(companion);
        }
      }
    }
    for (int i = 0; i < size; i++) {
      long cents = catalog.priceCents(products[i]);
      double price = cents / 100.0;
      while (cents <= MULTI_UNIT_MAX_CENTS
          && quantities[i] < MAX_QUANTITY
          && remaining >= 0.75 * price
          && sampler.chance(0.5)) {
        quantities[i]++;
        remaining -= price;
      }
    }
  }

  /** Best of a few popularity draws for the price wanted; -1 when every draw is already in the basket. */
  private int choose(double wantedPrice, Sampler sampler) {
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    // Extra draws replace duplicates, so a basket of popular products still fills up.
    for (int draw = 0, found = 0; draw < 4 * CANDIDATES && found < CANDIDATES; draw++) {
      int candidate = catalog.popular(sampler);
      if (contains(candidate)) {
        continue;
      }
      found++;
      double distance = Math.abs(StrictMath.log(catalog.priceCents(candidate) / 100.0 / wantedPrice));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }

  private double add(int product) {
    products[size] = product;
    quantities[size] = 1;
    size++;
    return catalog.priceCents(product) / 100.0;
  }

  private boolean contains(int product) {
    for (int i = 0; i < size; i++) {
      if (products[i] == product) {
        return true;
      }
    }
    return false;
  }

  /** @return the number of lines, 1 to 6 */
  int size() {
    return size;
  }

  /**
   * @param line a line, 0 to {@code size() - 1}
   * @return its product index
   */
  int product(int line) {
    return products[line];
  }

  /**
   * @param line a line, 0 to {@code size() - 1}
   * @return its quantity, at least 1
   */
  int quantity(int line) {
    return quantities[line];
  }
}
