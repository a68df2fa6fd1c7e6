/**
 * Next best action: what to do for one customer, chosen by expected value from the active model run's churn risk
 * and lifetime value, the customer's activity and the run's cross-sell rules, with every number's arithmetic shown:
 * {@link dev.custintel.analytics.actions.ActionsClient}.
 */
@NullMarked
package dev.custintel.analytics.actions;

import org.jspecify.annotations.NullMarked;
