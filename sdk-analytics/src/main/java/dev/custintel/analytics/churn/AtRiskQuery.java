package dev.custintel.analytics.churn;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which customers at risk to list, by value at risk: a least churn risk, and optionally one segment (as the active
 * model run stored it) and one country.
 *
 * <pre>{@code
 * ci.churn().atRisk(AtRiskQuery.top(20).minimumChurnRisk(0.8).segment("rf-grid", "cant_lose_them"));
 * }</pre>
 *
 * @param limit how many, 1 to {@link #MAX_LIMIT}
 * @param minimumChurnRisk the least churn risk, 0 to 1
 * @param segmentPreset the preset of {@code segment}; set with it
 * @param segment a segment of that preset, as the active run stored its memberships; null for every customer
 * @param country customers whose country is this (as stored); null for every country
 */
public record AtRiskQuery(
    int limit,
    double minimumChurnRisk,
    @Nullable String segmentPreset,
    @Nullable String segment,
    @Nullable String country) {

  /** The longest list. */
  public static final int MAX_LIMIT = 10_000;

  /** Validates the query. */
  public AtRiskQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
    if (!(minimumChurnRisk >= 0.0 && minimumChurnRisk <= 1.0)) {
      throw InvalidInputException.argument(
          "minimumChurnRisk", "must be between 0 and 1 (was " + minimumChurnRisk + ")");
    }
    if ((segment == null) != (segmentPreset == null)) {
      throw InvalidInputException.argument("segment", "needs its preset, and a preset needs a segment");
    }
  }

  /**
   * @param limit how many, 1 to {@link #MAX_LIMIT}
   * @return the {@code limit} customers with the most value at risk, at any churn risk, in any segment and country
   */
  public static AtRiskQuery top(int limit) {
    return new AtRiskQuery(limit, 0.0, null, null, null);
  }

  /**
   * @param value the least churn risk, 0 to 1
   * @return this query with it
   */
  public AtRiskQuery minimumChurnRisk(double value) {
    return new AtRiskQuery(limit, value, segmentPreset, segment, country);
  }

  /**
   * @param preset the preset, such as {@code rf-grid}
   * @param name one of its segments, such as {@code cant_lose_them}
   * @return this query limited to that segment
   */
  public AtRiskQuery segment(String preset, String name) {
    return new AtRiskQuery(limit, minimumChurnRisk, Objects.requireNonNull(preset, "segmentPreset"),
        Objects.requireNonNull(name, "segment"), country);
  }

  /**
   * @param value a country as stored
   * @return this query limited to it
   */
  public AtRiskQuery country(String value) {
    return new AtRiskQuery(limit, minimumChurnRisk, segmentPreset, segment, Objects.requireNonNull(value, "country"));
  }
}
