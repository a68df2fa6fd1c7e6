package dev.custintel.analytics.experiments;

import dev.custintel.core.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Who may take part in an experiment, judged against the active model run when a customer is assigned or exposed.
 * Both conditions may be given; then both must hold. With neither, every customer in the store may take part.
 *
 * @param segmentPreset the RFM preset of {@code segment}: {@code rf-grid} (when null), {@code klaviyo}...
 * @param segment the RFM segment the customer must be in under the active run, such as {@code at_risk}, or null
 * @param minimumChurnRisk the least churn risk under the active run, in [0, 1], or null
 */
public record Eligibility(
    @Nullable String segmentPreset, @Nullable String segment, @Nullable Double minimumChurnRisk) {

  /** @throws InvalidInputException naming the field that is not as above */
  public Eligibility {
    if (segment != null && (segment.isBlank() || segment.length() > 64)) {
      throw InvalidInputException.argument("eligibility.segment", "must be 1 to 64 characters (was '" + segment
          + "')");
    }
    if (segment == null && segmentPreset != null) {
      throw InvalidInputException.argument("eligibility.segmentPreset", "is given without a segment");
    }
    if (segment != null && (segmentPreset == null || segmentPreset.isBlank())) {
      segmentPreset = "rf-grid";
    }
    if (minimumChurnRisk != null && !(minimumChurnRisk >= 0 && minimumChurnRisk <= 1)) {
      throw InvalidInputException.argument("eligibility.minimumChurnRisk", "must be between 0 and 1 (was "
          + minimumChurnRisk + ")");
    }
  }

  /** @return every customer in the store */
  public static Eligibility everyone() {
    return new Eligibility(null, null, null);
  }

  /** @return the members of a segment of the default preset (rf-grid) under the active run */
  public static Eligibility segment(String segment) {
    return new Eligibility("rf-grid", segment, null);
  }

  /** @return the members of a segment of a preset under the active run */
  public static Eligibility segment(String preset, String segment) {
    return new Eligibility(preset, segment, null);
  }

  /** @return customers whose churn risk under the active run is at least {@code risk} */
  public static Eligibility minimumChurnRisk(double risk) {
    return new Eligibility(null, null, risk);
  }

  /** @return this eligibility, also requiring a least churn risk */
  public Eligibility andMinimumChurnRisk(double risk) {
    return new Eligibility(segmentPreset, segment, risk);
  }

  /** @return whether a model run is needed to judge it */
  public boolean needsRun() {
    return segment != null || minimumChurnRisk != null;
  }

  /** @return the conditions in words, such as "segment at_risk (rf-grid) and churn risk ≥ 0.5" */
  public String describe() {
    if (!needsRun()) {
      return "every customer";
    }
    StringBuilder s = new StringBuilder();
    if (segment != null) {
      s.append("segment ").append(segment).append(" (").append(segmentPreset).append(')');
    }
    if (minimumChurnRisk != null) {
      s.append(s.length() == 0 ? "" : " and ").append("churn risk ≥ ").append(minimumChurnRisk);
    }
    return s.toString();
  }
}
