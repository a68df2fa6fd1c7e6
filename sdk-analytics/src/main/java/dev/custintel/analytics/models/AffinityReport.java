package dev.custintel.analytics.models;

import dev.custintel.analytics.affinity.AffinityOptions;

/**
 * What a model run's product-affinity mining found. Its rules are read through {@code ci.affinity()}.
 *
 * @param baskets purchase orders read (one basket each)
 * @param products distinct products in them
 * @param minCount the least number of baskets a frequent itemset was in
 * @param frequentItemsets frequent itemsets found
 * @param rules rules stored
 * @param truncated whether a cap with {@code TRUNCATE} cut the itemsets or the rules short
 * @param customerLtvMean the run's mean lifetime value over all scored customers, the unit of the cross-sell value
 *     weights
 * @param options the options the run mined with
 */
public record AffinityReport(
    int baskets,
    int products,
    int minCount,
    int frequentItemsets,
    int rules,
    boolean truncated,
    double customerLtvMean,
    AffinityOptions options) {}
