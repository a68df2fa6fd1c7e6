/**
 * Product affinity: the pure mining core of market-basket analysis. No IO except the basket file readers, no clock,
 * no shared state.
 *
 * <ul>
 *   <li>{@link dev.custintel.analytics.affinity.Baskets}: immutable transactions over dense int item ids with a
 *       name dictionary, read from basket CSV or FIMI files, or from UCI Online Retail invoices by
 *       {@link dev.custintel.analytics.affinity.OnlineRetailBaskets} (options
 *       {@link dev.custintel.analytics.affinity.OnlineRetailOptions}).
 *   <li>{@link dev.custintel.analytics.affinity.FpGrowth}: frequent itemsets with exact counts (FP-growth, Han, Pei
 *       &amp; Yin 2000), configured by {@link dev.custintel.analytics.affinity.MiningOptions}, returning
 *       {@link dev.custintel.analytics.affinity.FrequentItemsets}.
 *   <li>{@link dev.custintel.analytics.affinity.AssociationRules}: rules X &rArr; Y with support, confidence, lift,
 *       leverage and conviction, configured by {@link dev.custintel.analytics.affinity.RuleOptions}.
 * </ul>
 *
 * <p><b>Support threshold.</b> With a fractional minimum support {@code s} over {@code N} transactions an itemset
 * is frequent iff its count is at least {@code ceil(s × N)} (equivalently {@code count ≥ s × N}, the arules
 * semantics; a relative tolerance of 1e-9 absorbs floating-point error in {@code s × N}).
 *
 * <p><b>Limits.</b> Mining and rule generation have caps; on reaching one they either throw
 * {@link dev.custintel.analytics.affinity.MiningLimitException} or return a result flagged truncated, as chosen by
 * {@link dev.custintel.analytics.affinity.LimitPolicy}.
 */
@NullMarked
package dev.custintel.analytics.affinity;

import org.jspecify.annotations.NullMarked;
