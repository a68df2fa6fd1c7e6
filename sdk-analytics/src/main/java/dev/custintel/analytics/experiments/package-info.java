/**
 * Experiments: deterministic assignment of customers to arms ({@link dev.custintel.analytics.experiments.Assignment})
 * and the statistics that analyse them ({@link dev.custintel.analytics.experiments.ExperimentStats}): a
 * two-proportion z-test for conversion, Welch's t-test for revenue per customer, a sample-size calculator and a
 * sample-ratio-mismatch check.
 */
@NullMarked
package dev.custintel.analytics.experiments;

import org.jspecify.annotations.NullMarked;
