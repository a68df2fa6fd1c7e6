/**
 * Per-customer calibration summaries (frequency, recency, age, monetary value) computed from transactions, as
 * used by the BG/NBD, Pareto/NBD and Gamma-Gamma models.
 *
 * <p>Definitions (those of Fader, Hardie &amp; Lee 2005 and of the lifetimes library, which reproduce the published
 * CDNOW summaries):
 *
 * <ul>
 *   <li>Days are UTC calendar days. Purchases by one customer on the same day merge into one purchase whose amount
 *       is the sum of theirs.
 *   <li>For a calibration end day {@code E} only purchases on or before {@code E} count. {@code F} is the
 *       customer's first purchase day.
 *   <li>{@code x} (frequency) = number of distinct purchase days after {@code F} (repeat purchases).
 *   <li>{@code t_x} (recency) = (last purchase day &minus; {@code F}) in the period unit; 0 when {@code x = 0}.
 *   <li>{@code T} (age) = ({@code E} &minus; {@code F}) in the period unit.
 *   <li>Monetary value = mean amount of the repeat purchase days (the first purchase is excluded); 0 when
 *       {@code x = 0}.
 *   <li>Customers whose first purchase is after {@code E} are left out and counted.
 * </ul>
 *
 * <p>Entry points: {@link dev.custintel.analytics.clv.summary.StoreSummaries} computes them in the store's database
 * (SQL pushdown: one row per customer and day comes back, folded one customer at a time);
 * {@link dev.custintel.analytics.clv.summary.CalibrationSummaries} computes them from transactions in memory (pure:
 * no IO, no clock, no shared state). Both give the same numbers.
 */
@NullMarked
package dev.custintel.analytics.clv.summary;

import org.jspecify.annotations.NullMarked;
