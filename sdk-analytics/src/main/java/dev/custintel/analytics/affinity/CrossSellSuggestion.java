package dev.custintel.analytics.affinity;

/**
 * A product suggested to a customer, with the rule that justifies it.
 *
 * <p>{@code score = rule.lift() × valueWeight}. The value weight is the mean predicted lifetime value of the
 * product's buyers divided by the mean over all scored customers of the run, so products that valuable customers
 * buy rank higher; it is 1 when the run has no lifetime value for any of the product's buyers.
 *
 * @param product the suggested product, which the customer has not bought
 * @param score the ranking score
 * @param valueWeight the value weight described above
 * @param rule the strongest rule (by score) whose antecedent the customer has bought and whose consequent holds
 *     the product
 */
public record CrossSellSuggestion(ProductRef product, double score, double valueWeight, ProductRule rule) {}
