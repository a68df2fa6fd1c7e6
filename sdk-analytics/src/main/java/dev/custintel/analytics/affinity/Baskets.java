package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An immutable set of transactions (baskets) over dense int item ids {@code 0..m−1}, with a dictionary from id to
 * item name.
 *
 * <p>Ids are assigned in order of first appearance when names are interned by {@link Builder#add(Collection)}.
 * Within one basket an item counts once: duplicates are dropped and the ids of each basket are kept sorted.
 * <b>Empty baskets are kept</b>: they count as transactions in {@link #size()} (the {@code N} of every support)
 * although they contain no item.
 *
 * <p>Storage is two flat int arrays (concatenated baskets and offsets), so a basket costs 4 bytes per item.
 */
public final class Baskets {
  private final String[] names;
  private final int[] items;
  private final int[] offsets;
  private final Map<String, Integer> ids;

  private Baskets(String[] names, int[] items, int[] offsets, Map<String, Integer> ids) {
    this.names = names;
    this.items = items;
    this.offsets = offsets;
    this.ids = ids;
  }

  /** @return a new, empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the number of transactions {@code N}, empty baskets included */
  public int size() {
    return offsets.length - 1;
  }

  /** @return the number of distinct items {@code m}; ids are {@code 0..m−1} */
  public int itemCount() {
    return names.length;
  }

  /**
   * @param item an item id
   * @return the item's name
   * @throws InvalidInputException if the id is out of range
   */
  public String itemName(int item) {
    if (item < 0 || item >= names.length) {
      throw InvalidInputException.argument("item", "must be in 0.." + (names.length - 1) + " (was " + item + ")");
    }
    return names[item];
  }

  /**
   * @param name an item name
   * @return the item's id, empty if the name never occurs
   */
  public OptionalInt itemId(String name) {
    Integer id = ids.get(name);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** @return the dictionary: element {@code i} is the name of item {@code i} (unmodifiable) */
  public List<String> itemNames() {
    return Collections.unmodifiableList(Arrays.asList(names));
  }

  /**
   * @param transaction a transaction index in {@code 0..N−1}
   * @return a copy of the basket's distinct item ids, ascending
   */
  public int[] basket(int transaction) {
    Objects.checkIndex(transaction, size());
    return Arrays.copyOfRange(items, offsets[transaction], offsets[transaction + 1]);
  }

  /**
   * @param transaction a transaction index in {@code 0..N−1}
   * @return the number of distinct items in the basket
   */
  public int basketSize(int transaction) {
    Objects.checkIndex(transaction, size());
    return offsets[transaction + 1] - offsets[transaction];
  }

  /** @return for each item id, the number of transactions containing it */
  public int[] itemCounts() {
    int[] counts = new int[names.length];
    for (int item : items) {
      counts[item]++;
    }
    return counts;
  }

  /** Visits the baskets without copying; the visitor must not modify or keep the array. */
  interface BasketVisitor {
    void visit(int[] items, int from, int to);
  }

  void forEach(BasketVisitor visitor) {
    for (int t = 0; t < size(); t++) {
      visitor.visit(items, offsets[t], offsets[t + 1]);
    }
  }

  /**
   * Reads a basket CSV file: one basket per line, item names separated by commas and trimmed; empty names are
   * ignored and an empty line is an empty basket. No quoting, no header. UTF-8. Lines end at {@code \n},
   * {@code \r} or {@code \r\n}.
   *
   * @param file the file
   * @return the baskets
   * @throws InvalidInputException if the file cannot be read (or is not UTF-8) or has no line, or a name is blank
   *     (only Unicode white space; the exception names {@code "basket N"}, 0-based)
   */
  public static Baskets readBasketCsv(Path file) {
    return BasketFiles.readBasketCsv(file, BasketFiles.BUFFER_SIZE);
  }

  /**
   * Reads a FIMI file: one basket per line, non-negative integer item ids separated by spaces (or tabs). The
   * dictionary names each item by its FIMI id as a decimal string (look dense ids up with {@link #itemId(String)});
   * dense ids are assigned in order of first appearance. Lines end at {@code \n}, {@code \r} or {@code \r\n}; a
   * blank line is an empty basket.
   *
   * @param file the file
   * @return the baskets
   * @throws InvalidInputException if the file cannot be read (or is not UTF-8), has no line, or a line has a token
   *     that is not a non-negative integer (the exception names {@code "line N"})
   */
  public static Baskets readFimi(Path file) {
    return BasketFiles.readFimi(file, BasketFiles.BUFFER_SIZE);
  }

  /**
   * Baskets read by {@link BasketFiles}: no copy, no check.
   *
   * @param names the name of each dense id
   * @param items the concatenated baskets, each sorted without duplicates
   * @param offsets basket {@code t} is {@code items[offsets[t]..offsets[t + 1])}; {@code offsets[0] == 0}
   */
  static Baskets of(String[] names, int[] items, int[] offsets) {
    Map<String, Integer> ids = new HashMap<>(Math.max(16, (int) (names.length / 0.75f) + 1));
    for (int i = 0; i < names.length; i++) {
      ids.put(names[i], i);
    }
    return new Baskets(names, items, offsets, ids);
  }

  /** Collects baskets, interning item names; not thread-safe. */
  public static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int[] items = new int[1024];
    private int[] offsets = new int[256];
    private int itemLength;
    private int basketCount;
    private int[] scratch = new int[16];

    private Builder() {}

    /**
     * Adds one basket. Duplicate names count once; an empty collection adds an empty basket (it counts in N).
     *
     * @param basket the item names
     * @return this builder
     * @throws InvalidInputException if a name is null or blank
     */
    public Builder add(Collection<String> basket) {
      if (scratch.length < basket.size()) {
        scratch = new int[Math.max(basket.size(), scratch.length * 2)];
      }
      int n = 0;
      for (String name : basket) {
        if (name == null || name.isBlank()) {
          throw new InvalidInputException("basket " + basketCount, "item", "must be a non-blank name");
        }
        Integer id = ids.get(name);
        if (id == null) {
          id = names.size();
          ids.put(name, id);
          names.add(name);
        }
        scratch[n++] = id;
      }
      Arrays.sort(scratch, 0, n);
      if (items.length < itemLength + n) {
        items = Arrays.copyOf(items, Math.max(itemLength + n, items.length * 2));
      }
      for (int i = 0; i < n; i++) {
        if (i == 0 || scratch[i] != scratch[i - 1]) {
          items[itemLength++] = scratch[i];
        }
      }
      basketCount++;
      if (offsets.length <= basketCount) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[basketCount] = itemLength;
      return this;
    }

    /**
     * @return the immutable baskets collected so far
     */
    public Baskets build() {
      return new Baskets(
          names.toArray(new String[0]),
          Arrays.copyOf(items, itemLength),
          Arrays.copyOf(offsets, basketCount + 1),
          new HashMap<>(ids));
    }
  }
}
