package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.experiments.Arm;
import dev.custintel.analytics.experiments.Eligibility;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentDefinition;
import dev.custintel.analytics.experiments.ExperimentMetric;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentRule;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel experiments create}: defines an experiment (a draft, or running with --start), printed as JSON. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Defines an experiment and prints it as JSON; a draft until 'experiments start' (or --start) starts it. The "
          + "first arm is the control, compared with each of the others. A customer's arm is fixed by the "
          + "experiment's name and the customer's id alone, with shares proportional to the weights. Eligibility "
          + "(--segment, --min-risk; both must hold when both are given, everyone without either) is judged "
          + "against the active model run when customers are assigned or exposed.",
      "JSON: {\"id\":1,\"status\":\"draft\",\"definition\":{\"name\":..,\"description\":..,\"arms\":[{\"name\":"
          + "\"control\",\"weight\":1.0},..],\"eligibility\":{\"segmentPreset\":..,\"segment\":..,"
          + "\"minimumChurnRisk\":..,\"description\":..},\"metric\":\"conversion\",\"windowDays\":30,"
          + "\"minimumDetectableEffect\":0.02,\"confidenceLevel\":0.95,\"action\":\"win_back\"},\"createdAt\":..,"
          + "\"startedAt\":..,\"stoppedAt\":..,\"exposures\":0}."
    })
final class ExperimentsCreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "A unique name, 1 to " + ExperimentDefinition.MAX_NAME + " characters; it also keys the "
          + "assignment, so two experiments never split customers alike")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "What it tests, at most 2000 characters")
  @Nullable String description;

  @Option(names = "--arms", paramLabel = "NAME:WEIGHT[,...]", defaultValue = "control:1,treatment:1",
      description = "The arms and their weights, the control first, 2 to " + ExperimentDefinition.MAX_ARMS
          + " (default control:1,treatment:1); a weight, at most 1000000, may be left out for 1")
  String arms;

  @Option(names = "--metric", paramLabel = "conversion|revenue", defaultValue = "conversion",
      description = "The primary metric: conversion (a purchase in the window, default) or revenue (net revenue per "
          + "customer in the window)")
  String metric;

  @Option(names = "--window-days", paramLabel = "N", defaultValue = "30",
      description = "The days after a customer's exposure whose orders count, 1 to 365 (default 30)")
  int windowDays;

  @Option(names = "--mde", paramLabel = "EFFECT", defaultValue = "0.02",
      description = "The minimum detectable effect on the primary metric: an absolute difference in conversion "
          + "(0.02 = 2 points, default) or in revenue per customer; it sets the sample size the results ask for")
  double mde;

  @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
      description = "The confidence level of the results' intervals, between 0 and 1 (default 0.95)")
  double confidence;

  @Option(names = "--action", paramLabel = "win_back|re_engagement|cross_sell|vip_care",
      description = "The next best action the treatment arm (the second) delivers; once the experiment has "
          + "finished, its measured uplift replaces the assumed one for that action")
  @Nullable String action;

  @Option(names = "--segment", paramLabel = "NAME",
      description = "Only customers in this RFM segment of --preset under the active model run, such as at_risk")
  @Nullable String segment;

  @Option(names = "--preset", paramLabel = "rf-grid|shopify|klaviyo",
      description = "The preset of --segment (default rf-grid)")
  @Nullable String preset;

  @Option(names = "--min-risk", paramLabel = "R",
      description = "Only customers whose churn risk under the active model run is at least this, 0 to 1")
  @Nullable Double minRisk;

  @Option(names = "--start", description = "Start it at once (as 'experiments start' does)")
  boolean start;

  @Override
  public Integer call() {
    database.check(spec);
    ExperimentDefinition definition = definition();
    try (CustomerIntelligence ci = database.open()) {
      Experiment created = ci.experiments().create(definition);
      Experiment shown = start ? ci.experiments().start(created.id()) : created;
      Json.print(spec.commandLine().getOut(), ExperimentViews.view(shown));
    }
    return CustintelCli.OK;
  }

  /** @return the definition the options give, or a usage error naming the option at fault */
  private ExperimentDefinition definition() {
    ExperimentMetric parsedMetric = switch (metric.toLowerCase(Locale.ROOT)) {
      case "conversion" -> ExperimentMetric.CONVERSION;
      case "revenue" -> ExperimentMetric.REVENUE;
      default -> throw usage("--metric must be conversion or revenue (was '" + metric + "')");
    };
    ActionType parsedAction = action == null ? null : action(action);
    if (preset != null && segment == null) {
      throw usage("--preset needs --segment: it names the preset of the segment");
    }
    if (segment != null) {
      SegmentPreset p;
      try {
        p = SegmentPreset.parse(preset == null ? "rf-grid" : preset);
      } catch (InvalidInputException e) {
        throw usage("--preset: " + e.reason());
      }
      if (!p.hasSegment(segment)) {
        throw usage("--segment: preset " + p.id() + " has no segment '" + segment + "' (its segments: "
            + p.segments().stream().map(SegmentRule::name).collect(Collectors.joining(", ")) + ")");
      }
    }
    try {
      Eligibility eligibility = new Eligibility(preset, segment, minRisk);
      return ExperimentDefinition.builder(name)
          .description(description)
          .arms(arms(arms))
          .eligibility(eligibility)
          .metric(parsedMetric)
          .windowDays(windowDays)
          .minimumDetectableEffect(mde)
          .confidenceLevel(confidence)
          .action(parsedAction)
          .build();
    } catch (InvalidInputException e) {
      throw usage(option(e.field()) + ": " + e.reason());
    }
  }

  /**
   * @param text such as {@code control:1,treatment:2}
   * @return the arms
   * @throws ParameterException naming --arms when the text is not a list of NAME[:WEIGHT]
   */
  private List<Arm> arms(String text) {
    List<Arm> list = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String item = part.strip();
      int colon = item.lastIndexOf(':');
      String armName = colon < 0 ? item : item.substring(0, colon).strip();
      double weight = 1;
      if (colon >= 0) {
        String w = item.substring(colon + 1).strip();
        try {
          weight = Double.parseDouble(w);
        } catch (NumberFormatException e) {
          throw usage("--arms: the weight of arm '" + armName + "' must be a number (was '" + w + "'); give "
              + "NAME:WEIGHT,NAME:WEIGHT such as control:1,treatment:1");
        }
      }
      if (armName.isEmpty()) {
        throw usage("--arms: an arm has no name (was '" + text + "'); give NAME:WEIGHT,NAME:WEIGHT such as "
            + "control:1,treatment:1");
      }
      try {
        list.add(Arm.of(armName, weight));
      } catch (InvalidInputException e) {
        throw usage("--arms: " + e.reason());
      }
    }
    return list;
  }

  private ActionType action(String text) {
    for (ActionType t : ActionType.values()) {
      if (t != ActionType.NONE && t.wireName().equals(text.toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return t;
      }
    }
    throw usage("--action must be win_back, re_engagement, cross_sell or vip_care (was '" + text + "')");
  }

  /** @return the option of a field of the definition the SDK names, such as --window-days for windowDays */
  private static String option(String field) {
    if (field.startsWith("arms")) {
      return "--arms";
    }
    return switch (field) {
      case "name" -> "--name";
      case "description" -> "--description";
      case "metric" -> "--metric";
      case "windowDays" -> "--window-days";
      case "minimumDetectableEffect" -> "--mde";
      case "confidenceLevel" -> "--confidence";
      case "action" -> "--action";
      case "eligibility.segment" -> "--segment";
      case "eligibility.segmentPreset" -> "--preset";
      case "eligibility.minimumChurnRisk" -> "--min-risk";
      default -> field;
    };
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
