package dev.custintel.analytics.models;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Versioned runs of the customer-value models (purchases, P(alive), spend, lifetime value) and of product affinity.
 * A run summarizes every customer's purchases in the database, fits the models, backtests them on a holdout,
 * scores every customer, mines the orders for association rules between products and writes it all in one
 * transaction; readers ({@code churn()}, {@code ltv()}, {@code affinity()}, profiles) keep using the active run
 * until the new one commits. Thread-safe.
 */
public interface ModelsClient {

  /**
   * Runs the models with every default ({@link ModelRunRequest#defaults()}) and activates the run.
   *
   * @return the new run
   * @throws InsufficientDataException when the store holds no customer who bought again (a repeat purchase of a
   *     positive amount), saying how many customers and purchases it has; nothing is written then
   * @throws ModelFitException when a fit does not converge; nothing is written then
   * @throws DataAccessException if the database fails; nothing is written then
   */
  ModelRun refresh();

  /**
   * Runs the models as requested.
   *
   * @param request currency, as-of day, unit, model, valuation, backtest and activation
   * @return the new run
   * @throws InvalidInputException when the request's currency or as-of day leaves no purchase to model, naming
   *     the field
   * @throws InsufficientDataException when the purchases it selects hold no customer who bought again (a repeat
   *     purchase of a positive amount), saying how many customers and purchases there are; nothing is written then
   * @throws ModelFitException when a fit does not converge; nothing is written then
   * @throws DataAccessException if the database fails; nothing is written then
   */
  ModelRun refresh(ModelRunRequest request);

  /** @return the run readers use now; empty before the first run */
  Optional<ModelRun> active();

  /**
   * @param runId a run id
   * @return that run
   * @throws NotFoundException if there is no such run
   */
  ModelRun get(long runId);

  /**
   * @param limit at most this many, 1 to 1000
   * @return the latest runs, newest first
   */
  List<ModelRun> list(int limit);

  /**
   * Makes an existing run the one readers use (to roll back to an earlier run, or to publish a run made with
   * {@code activate(false)}), in one transaction, then drops cached profiles.
   *
   * @param runId the run
   * @return the run, now active
   * @throws NotFoundException if there is no such run
   */
  ModelRun activate(long runId);

  /**
   * Scores these customers again under the active run's fitted models, without refitting, from all their purchases
   * in the run's currency, and emits their events (churn risk, high value) in the same transaction as their new
   * scores. Ingestion does this by itself after each commit for the customers it changed (unless switched off with
   * {@link dev.custintel.CustomerIntelligence.Builder#rescoreOnIngest(boolean)}); call it for customers changed
   * behind the SDK's back. A customer's as-of day is the run's, or their last purchase day when later; a customer
   * without a purchase in the run's currency loses their score.
   *
   * @param customerIds the customers; unknown ids are ignored
   * @return how many of them have a score under the active run now; 0 when no run is active
   * @throws DataAccessException if the database fails; nothing of the failed part of 500 customers is written
   */
  int rescore(java.util.Collection<String> customerIds);

  /**
   * Deletes all but the newest {@code keep} runs and their scores; the active run is always kept.
   *
   * @param keep how many of the newest runs to keep, 1 or more
   * @return how many runs were deleted
   */
  int prune(int keep);
}
