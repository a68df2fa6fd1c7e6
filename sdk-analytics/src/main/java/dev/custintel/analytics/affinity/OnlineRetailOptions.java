package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link OnlineRetailBaskets#read(java.nio.file.Path, OnlineRetailOptions)}: which column names the
 * items, and which items to leave out of every basket. The defaults ({@link #defaults()}) are those of the
 * Practical Business Python recipe minus its {@code POSTAGE} exclusion: items named by their description, nothing
 * excluded.
 *
 * @param items the column whose stripped value names an item
 * @param excluded item names (as read, after stripping) left out of every basket; compared exactly, case
 *     included. The recipe excludes {@code "POSTAGE"} (by description) — by stock code that item is {@code "POST"}
 */
public record OnlineRetailOptions(ItemColumn items, Set<String> excluded) {

  /** The column that names an item. */
  public enum ItemColumn {
    /** The {@code Description} column, stripped: the pbpython recipe's choice. */
    DESCRIPTION,
    /** The {@code StockCode} column, stripped: one item per product even where its description varies. */
    STOCK_CODE
  }

  /**
   * Validates and copies the options.
   *
   * @throws InvalidInputException on {@code excluded} if a name is blank
   */
  public OnlineRetailOptions {
    Objects.requireNonNull(items, "items");
    excluded = Set.copyOf(excluded);
    for (String name : excluded) {
      if (name.isBlank()) {
        throw InvalidInputException.argument("excluded", "must not hold a blank name");
      }
    }
  }

  /** @return items by description, nothing excluded */
  public static OnlineRetailOptions defaults() {
    return new OnlineRetailOptions(ItemColumn.DESCRIPTION, Set.of());
  }

  /**
   * @param column the column that names an item
   * @return these options with that column
   */
  public OnlineRetailOptions withItems(ItemColumn column) {
    return new OnlineRetailOptions(column, excluded);
  }

  /**
   * @param names item names to leave out of every basket, replacing any excluded before
   * @return these options with those exclusions
   */
  public OnlineRetailOptions withExcluded(Collection<String> names) {
    return new OnlineRetailOptions(items, Set.copyOf(names));
  }
}
