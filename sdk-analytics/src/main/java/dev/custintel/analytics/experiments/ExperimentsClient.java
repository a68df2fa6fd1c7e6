package dev.custintel.analytics.experiments;

import dev.custintel.analytics.actions.ActionType;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Experiments: define one, start it, expose customers as the host acts on them, and read the results. Assignment is
 * deterministic ({@link Assignment}, keyed by the experiment's name): a customer's arm is the same in every process
 * and needs no write. The exposure log is idempotent. Outcomes are the orders in the store placed in each customer's
 * window after exposure. Thread-safe.
 *
 * <pre>{@code
 * Experiment e = ci.experiments().create(ExperimentDefinition.builder("win-back-dec")
 *     .eligibility(Eligibility.minimumChurnRisk(0.5)).action(ActionType.WIN_BACK).build());
 * ci.experiments().start(e.id());
 * ExperimentAssignment a = ci.experiments().assign(e.id(), "C-1");   // send the win-back when a.arm() == 1
 * ci.experiments().expose(e.id(), List.of("C-1"), null);           // record it, whichever the arm
 * ExperimentResults r = ci.experiments().results(e.id());
 * }</pre>
 */
public interface ExperimentsClient {
  /**
   * @param definition what to test
   * @return the experiment, a draft
   * @throws InvalidInputException naming {@code name} when another experiment has it
   */
  Experiment create(ExperimentDefinition definition);

  /**
   * @param experimentId the experiment
   * @return it
   * @throws NotFoundException when there is no such experiment
   */
  Experiment get(long experimentId);

  /** @return every experiment, newest first */
  List<Experiment> list();

  /**
   * Starts exposures.
   *
   * @return the running experiment
   * @throws ExperimentStateException unless it is a draft
   */
  Experiment start(long experimentId);

  /**
   * Stops exposures; results go on maturing until the last window has closed.
   *
   * @return the stopped experiment
   * @throws ExperimentStateException unless it is running
   */
  Experiment stop(long experimentId);

  /**
   * @param experimentId the experiment
   * @param customerId the customer
   * @return the customer's arm, and whether they may take part now
   * @throws NotFoundException when there is no such experiment or customer
   * @throws ModelNotReadyException when eligibility needs a model run and none is active
   */
  ExperimentAssignment assign(long experimentId, String customerId);

  /**
   * @param experimentId the experiment
   * @param limit at most this many, 1 to 10,000
   * @param cursor where the previous page ended, or null for the first
   * @return eligible customers with their arms, by customer id
   * @throws ModelNotReadyException when eligibility needs a model run and none is active
   */
  AssignmentPage assignments(long experimentId, int limit, @Nullable String cursor);

  /**
   * Records that customers were exposed (shown the arm's treatment, or held back in the control), all or nothing.
   * A customer exposed before keeps the first exposure.
   *
   * @param experimentId a running experiment
   * @param customerIds 1 to 10,000 customers in the store, each eligible
   * @param exposedAt when, or null for now; not in the future and not before the experiment started
   * @return what was recorded
   * @throws ExperimentStateException unless the experiment is running
   * @throws InvalidInputException naming the customer that is unknown or not eligible, or {@code exposedAt}
   */
  ExposureResult expose(long experimentId, Collection<String> customerIds, @Nullable Instant exposedAt);

  /**
   * @param experimentId the experiment
   * @return its results now
   */
  ExperimentResults results(long experimentId);

  /**
   * @param action a next best action
   * @return the uplift measured by the most recently stopped experiment of that action that has finished with a
   *     measured uplift, if any
   */
  Optional<MeasuredUplift> measuredUplift(ActionType action);
}
