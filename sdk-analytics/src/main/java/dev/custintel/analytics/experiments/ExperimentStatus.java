package dev.custintel.analytics.experiments;

import java.util.Locale;

/** Where an experiment is in its life: DRAFT, then RUNNING, then STOPPED; never back. */
public enum ExperimentStatus {
  /** Defined: customers can be assigned, not exposed. */
  DRAFT,
  /** Exposures are recorded. */
  RUNNING,
  /** No more exposures; results go on maturing until the last exposure's window has closed. */
  STOPPED;

  /** @return the name on the wire, such as {@code running} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
