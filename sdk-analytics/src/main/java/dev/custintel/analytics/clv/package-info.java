/**
 * Customer-lifetime-value models for non-contractual purchasing. Pure maths: no IO, no clock, no shared state.
 *
 * <p>Purchase models, all fitted by maximum likelihood to compressed summaries with standard errors:
 * {@link dev.custintel.analytics.clv.ModifiedBgNbdModel} (Batislam, Denizel &amp; Filiztekin 2007: one-time buyers
 * may have left), {@link dev.custintel.analytics.clv.ParetoNbdModel} (Schmittlein, Morrison &amp; Colombo 1987) and
 * {@link dev.custintel.analytics.clv.BgNbdModel}, the BG/NBD model of Fader, Hardie &amp; Lee
 * (2005), "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science
 * 24(2), 275–284, fitted by maximum likelihood to {@link dev.custintel.analytics.clv.RfmSummary} values; and
 * {@link dev.custintel.analytics.clv.GammaGammaModel} for spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM
 * and CLV", JMR 42(4)), fitted to {@link dev.custintel.analytics.clv.SpendSummary} values, whose unit is a
 * currency, not time.
 *
 * <p><b>Time units.</b> The models carry no unit of their own: recency, age, the horizon {@code t} of every
 * prediction and the parameter {@code α} are all in the unit of the summaries the model was fitted on (for the
 * CDNOW reference data, weeks). A model fitted on weekly summaries predicts {@code t = 52} as one year; the same
 * {@code t} on a model fitted in days means 52 days. Keep one unit per model. To keep units from being guessed,
 * {@link dev.custintel.analytics.clv.PurchaseModel} also takes a typed
 * {@link dev.custintel.analytics.clv.Horizon} with the fitting unit named, and
 * {@link dev.custintel.analytics.clv.CustomerValueModel}, which knows its unit and currency, takes horizons only:
 * a month there is always 1/12 of a 365.25-day year.
 *
 * <p><b>Value.</b> {@link dev.custintel.analytics.clv.CustomerValueModel} combines a purchase model with
 * Gamma-Gamma: discounted expected purchases month by month times expected spend, with an interval from the fits'
 * parameter uncertainty (delta method on the log scale) and drivers that explain each value against the median
 * customer ({@link dev.custintel.analytics.clv.ReferenceCustomer}).
 */
@NullMarked
package dev.custintel.analytics.clv;

import org.jspecify.annotations.NullMarked;
