package dev.custintel.analytics.affinity;

/** What mining or rule generation does when a cap on the size of its result is reached. */
public enum LimitPolicy {
  /** Throw {@link MiningLimitException}; no partial result is returned. */
  FAIL,
  /** Stop and return what was found so far, flagged truncated. */
  TRUNCATE
}
