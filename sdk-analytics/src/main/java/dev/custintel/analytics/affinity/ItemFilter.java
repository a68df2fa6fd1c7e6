package dev.custintel.analytics.affinity;

import dev.custintel.core.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which items a rule must or must not have on each side (arules' {@code appearance}). Every set holds item names
 * as in {@link Baskets#itemName(int)}; an empty set places no constraint.
 *
 * <ul>
 *   <li>{@code requiredInAntecedent}: the antecedent holds at least one of these items;
 *   <li>{@code requiredInConsequent}: the consequent holds at least one of these items ("what leads to X");
 *   <li>{@code forbiddenInAntecedent}, {@code forbiddenInConsequent}: that side holds none of these items.
 * </ul>
 *
 * <p>Names are checked against the mined items when rules are generated: a name that is not an item of the
 * baskets is an {@link InvalidInputException} naming the set, since a typo would otherwise silently give no rules
 * (or filter nothing). An item that exists but is not frequent is fine.
 *
 * @param requiredInAntecedent the antecedent holds at least one of these
 * @param requiredInConsequent the consequent holds at least one of these
 * @param forbiddenInAntecedent the antecedent holds none of these
 * @param forbiddenInConsequent the consequent holds none of these
 */
public record ItemFilter(
    Set<String> requiredInAntecedent,
    Set<String> requiredInConsequent,
    Set<String> forbiddenInAntecedent,
    Set<String> forbiddenInConsequent) {

  private static final ItemFilter NONE = new ItemFilter(Set.of(), Set.of(), Set.of(), Set.of());

  /** Copies the sets; none may be null or hold null. */
  public ItemFilter {
    requiredInAntecedent = Set.copyOf(Objects.requireNonNull(requiredInAntecedent, "requiredInAntecedent"));
    requiredInConsequent = Set.copyOf(Objects.requireNonNull(requiredInConsequent, "requiredInConsequent"));
    forbiddenInAntecedent = Set.copyOf(Objects.requireNonNull(forbiddenInAntecedent, "forbiddenInAntecedent"));
    forbiddenInConsequent = Set.copyOf(Objects.requireNonNull(forbiddenInConsequent, "forbiddenInConsequent"));
  }

  /** @return the filter that keeps every rule */
  public static ItemFilter none() {
    return NONE;
  }

  /** @return true if this filter keeps every rule */
  public boolean isNone() {
    return requiredInAntecedent.isEmpty() && requiredInConsequent.isEmpty() && forbiddenInAntecedent.isEmpty()
        && forbiddenInConsequent.isEmpty();
  }

  /**
   * The filter resolved to item ids: one flag array per set, indexed by item id.
   *
   * @param itemNames the items, by id
   * @return the resolved filter
   * @throws InvalidInputException naming the set that holds an unknown item
   */
  Resolved resolve(List<String> itemNames) {
    Map<String, Integer> ids = new HashMap<>();
    for (Set<String> names : List.of(
        requiredInAntecedent, requiredInConsequent, forbiddenInAntecedent, forbiddenInConsequent)) {
      for (String name : names) {
        ids.put(name, -1);
      }
    }
    for (int id = 0; id < itemNames.size() && !ids.isEmpty(); id++) {
      ids.replace(itemNames.get(id), id);
    }
    int n = itemNames.size();
    return new Resolved(
        flags(requiredInAntecedent, "requiredInAntecedent", ids, n),
        flags(requiredInConsequent, "requiredInConsequent", ids, n),
        flags(forbiddenInAntecedent, "forbiddenInAntecedent", ids, n),
        flags(forbiddenInConsequent, "forbiddenInConsequent", ids, n));
  }

  private static boolean @Nullable [] flags(Set<String> names, String field, Map<String, Integer> ids, int n) {
    if (names.isEmpty()) {
      return null;
    }
    boolean[] flags = new boolean[n];
    for (String name : names) {
      int id = ids.getOrDefault(name, -1);
      if (id < 0) {
        throw InvalidInputException.argument(field, "names an item that is in no basket: '" + name + "'");
      }
      flags[id] = true;
    }
    return flags;
  }

  /** The filter over item ids; a null array is no constraint. */
  record Resolved(
      boolean @Nullable [] requiredInAntecedent,
      boolean @Nullable [] requiredInConsequent,
      boolean @Nullable [] forbiddenInAntecedent,
      boolean @Nullable [] forbiddenInConsequent) {

    boolean keeps(int[] antecedent, int antecedentLength, int[] consequent, int consequentLength) {
      return side(antecedent, antecedentLength, requiredInAntecedent, forbiddenInAntecedent)
          && side(consequent, consequentLength, requiredInConsequent, forbiddenInConsequent);
    }

    private static boolean side(
        int[] items, int length, boolean @Nullable [] required, boolean @Nullable [] forbidden) {
      boolean found = required == null;
      for (int i = 0; i < length; i++) {
        int item = items[i];
        if (forbidden != null && forbidden[item]) {
          return false;
        }
        if (required != null && required[item]) {
          found = true;
        }
      }
      return found;
    }
  }
}
