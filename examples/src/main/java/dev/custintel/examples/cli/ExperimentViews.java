package dev.custintel.examples.cli;

import dev.custintel.analytics.experiments.Arm;
import dev.custintel.analytics.experiments.ArmComparison;
import dev.custintel.analytics.experiments.ArmResult;
import dev.custintel.analytics.experiments.Eligibility;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentAssignment;
import dev.custintel.analytics.experiments.ExperimentDefinition;
import dev.custintel.analytics.experiments.ExperimentResults;
import dev.custintel.analytics.experiments.MeanComparison;
import dev.custintel.analytics.experiments.MeasuredUplift;
import dev.custintel.analytics.experiments.ProportionComparison;
import dev.custintel.analytics.experiments.SampleRatioCheck;
import dev.custintel.analytics.experiments.SampleSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON views of the {@code experiments} commands, nested as the SDK's records are. Enums are their wire names
 * ({@code running}, {@code conversion}, {@code win_back}), instants ISO-8601 strings, the currency its code, and a
 * number that is not finite (a relative difference against a control that converted nobody) is null.
 */
final class ExperimentViews {
  private ExperimentViews() {}

  /**
   * @param e an experiment
   * @return {@code {"id":..,"status":"draft","definition":{..},"createdAt":..,"startedAt":..,"stoppedAt":..,
   *     "exposures":..}}
   */
  static Map<String, Object> view(Experiment e) {
    Map<String, Object> m = Json.object();
    m.put("id", e.id());
    m.put("status", e.status().wireName());
    m.put("definition", view(e.definition()));
    m.put("createdAt", Json.instant(e.createdAt()));
    m.put("startedAt", Json.instant(e.startedAt()));
    m.put("stoppedAt", Json.instant(e.stoppedAt()));
    m.put("exposures", e.exposures());
    return m;
  }

  /**
   * @param d a definition
   * @return its view: name, description, arms (name, weight), eligibility, metric, windowDays,
   *     minimumDetectableEffect, confidenceLevel, action
   */
  static Map<String, Object> view(ExperimentDefinition d) {
    Map<String, Object> m = Json.object();
    m.put("name", d.name());
    m.put("description", d.description());
    List<Map<String, Object>> arms = new ArrayList<>();
    for (Arm a : d.arms()) {
      Map<String, Object> arm = Json.object();
      arm.put("name", a.name());
      arm.put("weight", a.weight());
      arms.add(arm);
    }
    m.put("arms", arms);
    Eligibility el = d.eligibility();
    Map<String, Object> eligibility = Json.object();
    eligibility.put("segmentPreset", el.segmentPreset());
    eligibility.put("segment", el.segment());
    eligibility.put("minimumChurnRisk", el.minimumChurnRisk());
    eligibility.put("description", el.describe());
    m.put("eligibility", eligibility);
    m.put("metric", d.metric().wireName());
    m.put("windowDays", d.windowDays());
    m.put("minimumDetectableEffect", d.minimumDetectableEffect());
    m.put("confidenceLevel", d.confidenceLevel());
    m.put("action", d.action() == null ? null : d.action().wireName());
    return m;
  }

  /**
   * @param a a customer's assignment
   * @return {@code {"experimentId":..,"customerId":..,"arm":1,"armName":"treatment","eligible":true,"reason":null}}
   */
  static Map<String, Object> view(ExperimentAssignment a) {
    Map<String, Object> m = Json.object();
    m.put("experimentId", a.experimentId());
    m.put("customerId", a.customerId());
    m.put("arm", a.arm());
    m.put("armName", a.armName());
    m.put("eligible", a.eligible());
    m.put("reason", a.reason());
    return m;
  }

  /**
   * @param r results
   * @return their view, field by field as the record
   */
  static Map<String, Object> view(ExperimentResults r) {
    Map<String, Object> m = Json.object();
    m.put("experiment", view(r.experiment()));
    m.put("asOf", Json.instant(r.asOf()));
    m.put("currency", r.currency() == null ? null : r.currency().getCurrencyCode());
    List<Map<String, Object>> arms = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      Map<String, Object> arm = Json.object();
      arm.put("arm", a.arm());
      arm.put("name", a.name());
      arm.put("weight", a.weight());
      arm.put("exposed", a.exposed());
      arm.put("measured", a.measured());
      arm.put("conversions", a.conversions());
      arm.put("conversionRate", a.conversionRate());
      arm.put("revenuePerCustomer", a.revenuePerCustomer());
      arm.put("revenueVariance", a.revenueVariance());
      arms.add(arm);
    }
    m.put("arms", arms);
    List<Map<String, Object>> comparisons = new ArrayList<>();
    for (ArmComparison c : r.comparisons()) {
      Map<String, Object> comparison = Json.object();
      comparison.put("arm", c.arm());
      comparison.put("name", c.name());
      comparison.put("conversion", view(c.conversion()));
      comparison.put("revenue", view(c.revenue()));
      comparison.put("significant", c.significant());
      comparisons.add(comparison);
    }
    m.put("comparisons", comparisons);
    m.put("pending", r.pending());
    m.put("sampleRatio", view(r.sampleRatio()));
    m.put("sampleSizePerArm", r.sampleSizePerArm());
    m.put("finished", r.finished());
    m.put("measuredUplift", view(r.measuredUplift()));
    m.put("summary", r.summary());
    return m;
  }

  private static @Nullable Map<String, Object> view(@Nullable ProportionComparison p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> m = Json.object();
    m.put("controlConversions", p.controlConversions());
    m.put("controlSize", p.controlSize());
    m.put("treatmentConversions", p.treatmentConversions());
    m.put("treatmentSize", p.treatmentSize());
    m.put("controlRate", number(p.controlRate()));
    m.put("treatmentRate", number(p.treatmentRate()));
    m.put("difference", number(p.difference()));
    m.put("relativeDifference", number(p.relativeDifference()));
    m.put("lower", number(p.lower()));
    m.put("upper", number(p.upper()));
    m.put("z", number(p.z()));
    m.put("pValue", number(p.pValue()));
    m.put("confidenceLevel", p.confidenceLevel());
    return m;
  }

  private static @Nullable Map<String, Object> view(@Nullable MeanComparison c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = Json.object();
    m.put("control", view(c.control()));
    m.put("treatment", view(c.treatment()));
    m.put("difference", number(c.difference()));
    m.put("lower", number(c.lower()));
    m.put("upper", number(c.upper()));
    m.put("t", number(c.t()));
    m.put("degreesOfFreedom", number(c.degreesOfFreedom()));
    m.put("pValue", number(c.pValue()));
    m.put("confidenceLevel", c.confidenceLevel());
    return m;
  }

  private static Map<String, Object> view(SampleSummary s) {
    Map<String, Object> m = Json.object();
    m.put("n", s.n());
    m.put("mean", number(s.mean()));
    m.put("variance", number(s.variance()));
    return m;
  }

  private static @Nullable Map<String, Object> view(@Nullable SampleRatioCheck s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> m = Json.object();
    m.put("observed", s.observed());
    List<@Nullable Double> expected = new ArrayList<>();
    for (Double e : s.expected()) {
      expected.add(number(e));
    }
    m.put("expected", expected);
    m.put("chiSquare", number(s.chiSquare()));
    m.put("degreesOfFreedom", s.degreesOfFreedom());
    m.put("pValue", number(s.pValue()));
    m.put("mismatch", s.mismatch());
    return m;
  }

  private static @Nullable Map<String, Object> view(@Nullable MeasuredUplift u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> m = Json.object();
    m.put("experimentId", u.experimentId());
    m.put("experimentName", u.experimentName());
    m.put("action", u.action().wireName());
    m.put("estimate", number(u.estimate()));
    m.put("lower", number(u.lower()));
    m.put("upper", number(u.upper()));
    m.put("confidenceLevel", u.confidenceLevel());
    m.put("customers", u.customers());
    m.put("uplift", number(u.uplift()));
    return m;
  }

  /** @return the number, or null when it is not finite: JSON has no NaN or infinity */
  private static @Nullable Double number(double value) {
    return ClvFits.number(value);
  }
}
