/** Versioned model runs: refresh (fit, backtest, score, mine, write), list, activate, prune: {@link dev.custintel.analytics.models.ModelsClient}. */
@NullMarked
package dev.custintel.analytics.models;

import org.jspecify.annotations.NullMarked;
