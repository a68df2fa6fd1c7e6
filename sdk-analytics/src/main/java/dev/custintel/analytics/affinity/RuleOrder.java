package dev.custintel.analytics.affinity;

/** How {@link AffinityClient#rules(RuleQuery)} ranks rules: by one measure, highest first. */
public enum RuleOrder {
  /** By lift: the most surprising associations first. */
  LIFT,
  /** By confidence: the most reliable associations first. */
  CONFIDENCE,
  /** By support: the most common associations first. */
  SUPPORT,
  /** By leverage: the associations with the most extra co-occurrences first. */
  LEVERAGE
}
