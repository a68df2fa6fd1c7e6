package dev.custintel.analytics.experiments;

import java.util.List;

/**
 * What a call to expose customers did.
 *
 * @param experimentId the experiment
 * @param recorded customers exposed for the first time by this call
 * @param alreadyExposed customers exposed before, left as they were
 * @param exposures each customer's exposure, in the order given (a customer given twice appears once)
 */
public record ExposureResult(long experimentId, int recorded, int alreadyExposed, List<Exposure> exposures) {
  /** Copies the list. */
  public ExposureResult {
    exposures = List.copyOf(exposures);
  }
}
