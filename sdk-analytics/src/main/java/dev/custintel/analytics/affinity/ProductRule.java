package dev.custintel.analytics.affinity;

import java.util.List;

/**
 * An association rule between products, as stored by a model run: customers whose order holds every antecedent
 * product also ordered the consequent products, with the measures of {@link AssociationRule} over the run's
 * baskets (one per purchase order).
 *
 * @param runId the model run the rule belongs to
 * @param antecedent the products on the left, by ascending id
 * @param consequent the products on the right, by ascending id
 * @param baskets orders holding all of the rule's products
 * @param support the share of orders holding all of its products
 * @param confidence the share of orders holding the antecedent that also hold the consequent
 * @param lift confidence divided by the consequent's support
 * @param leverage support minus the product of the sides' supports
 * @param conviction (1 − consequent support) / (1 − confidence); {@link Double#POSITIVE_INFINITY} at confidence 1
 */
public record ProductRule(
    long runId,
    List<ProductRef> antecedent,
    List<ProductRef> consequent,
    int baskets,
    double support,
    double confidence,
    double lift,
    double leverage,
    double conviction) {

  /** Copies the lists. */
  public ProductRule {
    antecedent = List.copyOf(antecedent);
    consequent = List.copyOf(consequent);
  }
}
