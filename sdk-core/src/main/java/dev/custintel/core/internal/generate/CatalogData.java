package dev.custintel.core.internal.generate;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The raw material of the generated catalog: a coffee-and-tea shop's categories, product families with their
 * price ranges, and which products are bought together. Not API.
 *
 * <p>A family is a base product whose variants are every head combined with every tail ("Kenya Nyeri AA" x
 * "Filter Grind 250 g"); a variant's price is a draw from the family's range times the head's and the tail's
 * factors. Tags tie products to the affinity rules and to the staples customers re-buy.
 */
final class CatalogData {

  /**
   * A part of a product name.
   *
   * @param label the text ("" for none)
   * @param factor price multiplier
   * @param tag overrides the family's tag when not null
   */
  record Part(String label, double factor, @Nullable String tag) {}

  /**
   * A base product and its variants.
   *
   * @param tag the variants' tag unless a part overrides it
   * @param low lowest base price, in currency units
   * @param high highest base price
   * @param headFirst whether the name reads "head tail" (otherwise "tail, head")
   * @param heads first name parts
   * @param tails second name parts
   */
  record Family(String tag, double low, double high, boolean headFirst, List<Part> heads, List<Part> tails) {}

  /**
   * A catalog category.
   *
   * @param name category name as products carry it
   * @param weight relative popularity of the category's products
   * @param quota how many products of a 200-product catalog it holds
   * @param families where its products come from (at least {@code quota} variants in all)
   */
  record Category(String name, double weight, int quota, List<Family> families) {}

  /**
   * Customers who buy an anchor product add a companion product in the same order with this probability.
   *
   * @param anchorTag tag of the products that trigger the rule
   * @param companionTag tag of the products added
   * @param probability chance of adding one, 0 to 1
   */
  record Affinity(String anchorTag, String companionTag, double probability) {}

  /** Tags of consumables that a customer may adopt as a staple and re-buy. */
  static final Set<String> STAPLE_TAGS =
      Set.of("whole-beans", "ground-coffee", "espresso-coffee", "loose-tea", "tea-bags", "matcha");

  private CatalogData() {}

  /** @return the bought-together rules ("coffee beans + filter papers", "teapot + loose tea", ...) */
  static List<Affinity> affinities() {
    return List.of(
        new Affinity("ground-coffee", "paper-filter", 0.30),
        new Affinity("pour-over", "paper-filter", 0.70),
        new Affinity("teapot", "loose-tea", 0.70),
        new Affinity("aeropress", "aeropress-filter", 0.70),
        new Affinity("matcha", "matcha-tools", 0.35),
        new Affinity("grinder", "whole-beans", 0.60),
        new Affinity("frother", "syrup", 0.50),
        new Affinity("moka", "espresso-coffee", 0.50),
        new Affinity("espresso-tools", "espresso-coffee", 0.40),
        new Affinity("french-press", "whole-beans", 0.35));
  }

  /** @return the categories, their quotas adding up to 200 */
  static List<Category> categories() {
    return List.of(
        new Category("Coffee", 3.0, 40, List.of(coffee())),
        new Category("Tea", 2.0, 30, List.of(tea(), matcha())),
        new Category("Mugs & Cups", 1.0, 20, List.of(mugs(), glasses())),
        new Category("Brewing Gear", 0.6, 20, brewingGear()),
        new Category("Filters & Papers", 1.5, 12, filters()),
        new Category("Teaware", 0.6, 14, teaware()),
        new Category("Grinders", 0.3, 6, grinders()),
        new Category("Syrups & Sweeteners", 1.0, 18, List.of(syrups(), sweeteners())),
        new Category("Snacks & Sweets", 1.0, 20, List.of(snacks())),
        new Category("Cleaning & Care", 0.6, 10, List.of(care())),
        new Category("Gifts & Sets", 0.4, 10, List.of(gifts())));
  }

  private static Family coffee() {
    return new Family(
        "whole-beans", 7.5, 13.5, true,
        parts("Ethiopia Yirgacheffe", "Ethiopia Guji", "Kenya Nyeri AA", "Colombia Huila", "Colombia Decaf",
            "Brazil Cerrado", "Guatemala Antigua", "Costa Rica Tarrazú", "Peru Cajamarca", "Rwanda Nyamasheke",
            "Honduras Marcala", "Sumatra Mandheling", "House Espresso Blend", "Dark Roast Espresso",
            "Breakfast Blend", "Swiss Water Decaf"),
        List.of(
            part("Whole Bean 250 g", 1.0, "whole-beans"),
            part("Whole Bean 1 kg", 3.4, "whole-beans"),
            part("Filter Grind 250 g", 1.0, "ground-coffee"),
            part("Filter Grind 1 kg", 3.4, "ground-coffee"),
            part("Espresso Grind 250 g", 1.0, "espresso-coffee"),
            part("Espresso Grind 1 kg", 3.4, "espresso-coffee")));
  }

  private static Family tea() {
    return new Family(
        "loose-tea", 5.5, 11.0, true,
        parts("Assam Breakfast", "Darjeeling First Flush", "Earl Grey", "Sencha Kagoshima", "Genmaicha",
            "Jasmine Pearls", "Rooibos Vanilla", "Chamomile Blossom", "Moroccan Mint", "Tie Guan Yin Oolong",
            "Lapsang Souchong", "Masala Chai", "Ceylon Orange Pekoe", "Gunpowder Green"),
        List.of(
            part("Loose Leaf 100 g", 1.0, null),
            part("Loose Leaf 250 g", 2.2, null),
            part("20 Pyramid Bags", 0.85, "tea-bags")));
  }

  private static Family matcha() {
    return new Family(
        "matcha", 12.0, 22.0, true,
        parts("Ceremonial Matcha", "Culinary Matcha"),
        List.of(part("30 g", 1.0, null), part("100 g", 2.8, null)));
  }

  private static Family mugs() {
    return new Family(
        "mug", 11.0, 16.0, false,
        parts("Sage", "Charcoal", "Terracotta", "Ocean Blue", "Cream", "Mustard", "Blush Pink", "Speckled White"),
        List.of(
            part("Stoneware Mug 350 ml", 1.0, null),
            part("Large Stoneware Mug 450 ml", 1.2, null),
            part("Espresso Cups, Set of 2", 1.1, "espresso-tools"),
            part("Cappuccino Cup & Saucer", 1.15, null),
            part("Travel Mug 400 ml", 1.7, null)));
  }

  private static Family glasses() {
    return new Family(
        "mug", 12.0, 20.0, true,
        parts("Double-Wall Glass 80 ml", "Double-Wall Glass 250 ml", "Double-Wall Glass 350 ml"),
        List.of(part("Set of 2", 1.0, null), part("Set of 4", 1.8, null)));
  }

  private static List<Family> brewingGear() {
    return List.of(
        new Family("pour-over", 22.0, 26.0, false,
            List.of(part("Ceramic", 1.0, null), part("Glass", 0.9, null), part("Plastic", 0.45, null),
                part("Copper", 2.4, null)),
            List.of(part("Pour-Over Dripper Size 01", 1.0, null), part("Pour-Over Dripper Size 02", 1.1, null))),
        new Family("pour-over", 44.0, 49.0, true,
            List.of(part("Chemex 3-Cup", 0.85, null), part("Chemex 6-Cup", 1.0, null),
                part("Chemex 8-Cup", 1.1, null)),
            List.of(part("Classic", 1.0, null), part("Glass Handle", 1.2, null))),
        new Family("french-press", 24.0, 35.0, true,
            parts("French Press Steel", "French Press Glass", "French Press Copper Finish"),
            List.of(part("350 ml", 1.0, null), part("1 l", 1.35, null))),
        new Family("aeropress", 34.0, 44.0, true,
            parts("AeroPress Original", "AeroPress Go", "AeroPress Clear"), List.of(part("", 1.0, null))),
        new Family("moka", 24.0, 32.0, true,
            List.of(part("Moka Pot 3-Cup", 0.9, null), part("Moka Pot 6-Cup", 1.0, null),
                part("Moka Pot 9-Cup", 1.2, null)),
            List.of(part("Aluminium", 1.0, null), part("Stainless Steel", 1.4, null))),
        new Family("kettle", 39.0, 49.0, false,
            List.of(part("Matte Black", 1.0, null), part("Brushed Steel", 1.0, null)),
            List.of(part("Stovetop Gooseneck Kettle 1 l", 1.0, null),
                part("Electric Gooseneck Kettle 0.8 l", 1.9, null))),
        new Family("frother", 49.0, 69.0, true,
            List.of(part("Handheld Milk Frother", 0.3, null), part("Electric Milk Frother", 1.0, null)),
            List.of(part("", 1.0, null))),
        new Family("scale", 25.0, 45.0, true, parts("Digital Coffee Scale with Timer"), List.of(part("", 1.0, null))),
        new Family("cold-brew", 22.0, 29.0, true, parts("Cold Brew Bottle 1 l"), List.of(part("", 1.0, null))),
        new Family("espresso-tools", 15.0, 35.0, true,
            parts("Espresso Tamper 58 mm", "Espresso Knock Box", "Milk Pitcher 350 ml"),
            List.of(part("", 1.0, null))));
  }

  private static List<Family> filters() {
    return List.of(
        new Family("paper-filter", 4.5, 7.5, true,
            parts("Pour-Over Paper Filters 01", "Pour-Over Paper Filters 02", "Chemex Bonded Filters",
                "Basket Filters #4", "Cone Filters #2"),
            List.of(part("100 pcs", 1.0, null), part("300 pcs", 2.6, null))),
        new Family("aeropress-filter", 5.9, 7.9, true,
            parts("AeroPress Micro Filters"), List.of(part("350 pcs", 1.0, null), part("1,000 pcs", 2.5, null))),
        new Family("reusable-filter", 9.0, 19.0, true,
            parts("Reusable Cotton Filter", "Stainless Steel Mesh Filter"), List.of(part("", 1.0, null))));
  }

  private static List<Family> teaware() {
    return List.of(
        new Family("teapot", 39.0, 49.0, false,
            parts("Black", "Jade Green", "Red"),
            List.of(part("Cast-Iron Teapot 0.6 l", 1.0, null), part("Cast-Iron Teapot 0.9 l", 1.3, null))),
        new Family("teapot", 24.0, 32.0, true,
            parts("Glass Teapot with Infuser"), List.of(part("0.8 l", 1.0, null), part("1.2 l", 1.2, null))),
        new Family("teapot", 35.0, 55.0, true, parts("Kyusu Teapot 300 ml"), List.of(part("", 1.0, null))),
        new Family("tea-tools", 4.9, 9.0, true, parts("Tea Infuser Ball", "Fine Tea Strainer"),
            List.of(part("", 1.0, null))),
        new Family("tea-tools", 14.0, 19.0, true, parts("Gaiwan 150 ml"), List.of(part("", 1.0, null))),
        new Family("matcha-tools", 14.0, 22.0, true,
            List.of(part("Matcha Whisk (Chasen)", 1.0, null), part("Matcha Bowl (Chawan)", 1.5, null)),
            List.of(part("", 1.0, null))));
  }

  private static List<Family> grinders() {
    return List.of(
        new Family("grinder", 39.0, 49.0, true,
            List.of(part("Hand Grinder Ceramic Burr", 1.0, null), part("Hand Grinder Steel Burr", 1.8, null),
                part("Travel Hand Grinder", 0.8, null)),
            List.of(part("", 1.0, null))),
        new Family("grinder", 99.0, 119.0, true,
            List.of(part("Electric Burr Grinder Home", 1.0, null), part("Electric Burr Grinder Pro", 2.2, null),
                part("Electric Flat Burr Grinder", 3.0, null)),
            List.of(part("", 1.0, null))));
  }

  private static Family syrups() {
    return new Family(
        "syrup", 4.9, 6.5, true,
        parts("Vanilla", "Caramel", "Hazelnut", "Salted Caramel", "Gingerbread", "Pumpkin Spice", "Cinnamon",
            "Coconut", "Almond", "Irish Cream", "Chocolate"),
        List.of(part("Syrup 250 ml", 1.0, null), part("Syrup 700 ml", 2.1, null),
            part("Sugar-Free Syrup 250 ml", 1.1, null)));
  }

  private static Family sweeteners() {
    return new Family(
        "sweetener", 3.5, 7.9, true,
        parts("Raw Cane Sugar Cubes 500 g", "Acacia Honey 250 g", "Agave Syrup 350 ml"),
        List.of(part("", 1.0, null)));
  }

  private static Family snacks() {
    return new Family(
        "snack", 2.9, 5.5, true,
        parts("Almond Biscotti", "Chocolate Biscotti", "Butter Shortbread", "Oat Cookies", "Speculoos",
            "Amaretti", "Dark Chocolate 70%", "Milk Chocolate with Hazelnuts", "Chocolate-Covered Espresso Beans",
            "Stroopwafels", "Madeleines", "Candied Ginger"),
        List.of(part("150 g", 1.0, null), part("400 g", 2.2, null)));
  }

  private static Family care() {
    return new Family(
        "care", 6.9, 12.9, true,
        parts("Descaling Tablets", "Espresso Machine Cleaning Tablets", "Grinder Cleaning Tablets",
            "Equipment Cleaning Powder 500 g", "Water Filter Cartridge", "Cleaning Brush Set",
            "Milk System Cleaner 500 ml"),
        List.of(part("Single Pack", 1.0, null), part("Value Pack", 2.4, null)));
  }

  private static Family gifts() {
    return new Family(
        "gift", 24.9, 59.0, true,
        parts("Coffee Tasting Set (4 x 100 g)", "Tea Discovery Box (12 Teas)", "Barista Starter Kit",
            "Pour-Over Gift Set", "Matcha Starter Set", "Chocolate & Coffee Hamper", "Coffee Advent Calendar",
            "Tea Advent Calendar", "Mug & Beans Gift Box", "Three-Month Coffee Subscription Voucher"),
        List.of(part("", 1.0, null)));
  }

  private static List<Part> parts(String... labels) {
    Part[] parts = new Part[labels.length];
    for (int i = 0; i < labels.length; i++) {
      parts[i] = new Part(labels[i], 1.0, null);
    }
    return List.of(parts);
  }

  private static Part part(String label, double factor, @Nullable String tag) {
    return new Part(label, factor, tag);
  }
}
