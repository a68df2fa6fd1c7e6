package dev.custintel.analytics.affinity;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.util.List;

/**
 * Product affinity from the active model run: the association rules a run mined from the orders (see
 * {@code ModelRunRequest.affinity}), read by lookups, never mined on request. Thread-safe.
 *
 * <p>Every method throws {@link ModelNotReadyException} (kind {@code "affinity"}) before the first run, or when
 * the active run was made without affinity; {@link DataAccessException} when the database fails.
 */
public interface AffinityClient {

  /**
   * @param query thresholds, products on either side, ranking and limit
   * @return the active run's rules that match, best first (ties by the order the run stored them in)
   * @throws NullPointerException if the query is null
   */
  List<ProductRule> rules(RuleQuery query);

  /**
   * "Frequently bought together": the rules {productId} ⇒ Y of the active run, by descending confidence (the
   * share of the product's orders that also held Y), then lift.
   *
   * @param productId the product
   * @param limit the most rules, 1 to {@value RuleQuery#MAX_LIMIT}
   * @return the rules; empty when the product has no rule (too rarely bought, or bought alone)
   * @throws NotFoundException if the store knows no such product: not in the catalogue nor in the run's orders
   */
  List<ProductRule> boughtTogether(String productId, int limit);

  /**
   * Products to suggest to a customer: every rule of the active run whose antecedent the customer has bought (in
   * any purchase order so far) suggests its consequent products the customer has not bought. Each product is
   * scored by its best rule's lift times the product's value weight (see {@link CrossSellSuggestion}).
   *
   * @param customerId the customer
   * @param limit the most suggestions, 1 to {@value RuleQuery#MAX_LIMIT}
   * @return the suggestions by descending score, then product id; empty when no rule applies
   * @throws NotFoundException if there is no such customer
   */
  List<CrossSellSuggestion> crossSell(String customerId, int limit);
}
