package dev.custintel.spring.internal.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.experiments.Arm;
import dev.custintel.analytics.experiments.Eligibility;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentAssignment;
import dev.custintel.analytics.experiments.ExperimentDefinition;
import dev.custintel.analytics.experiments.ExperimentMetric;
import dev.custintel.analytics.experiments.ExperimentResults;
import dev.custintel.analytics.experiments.ExperimentStats;
import dev.custintel.analytics.experiments.ExposureResult;
import dev.custintel.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Experiments: define one, start it, look up a customer's arm, record exposures as the host acts on customers, read
 * the results, stop it. Assignment is deterministic (the experiment's name and the customer's id); exposures are
 * idempotent and all or nothing.
 */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/experiments", produces = "application/json")
@Tag(name = "experiments", description = "A/B experiments: deterministic assignment, the exposure log, results by "
    + "the two-proportion z-test and Welch's t-test, with the sample-ratio check")
public final class ExperimentController {
  /** The most customers in one exposure request. */
  static final int MAX_EXPOSURES = 10_000;

  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public ExperimentController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param body the definition
   * @return 201 with the experiment, a draft, and its {@code Location}
   */
  @PostMapping(consumes = "application/json")
  @Operation(summary = "Define an experiment (a draft): arms with weights (the first is the control), who is "
      + "eligible, the primary metric and its window, the minimum detectable effect, the confidence level and the "
      + "next best action it measures")
  public ResponseEntity<Experiment> create(@RequestBody ExperimentBody body) {
    Experiment created = ci.experiments().create(body.toDefinition());
    URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
        .path("/{id}").buildAndExpand(created.id()).toUri();
    return ResponseEntity.created(location).body(created);
  }

  /** @return every experiment, newest first */
  @GetMapping
  @Operation(summary = "Every experiment, newest first")
  public List<Experiment> list() {
    return ci.experiments().list();
  }

  /**
   * @param id the experiment's id
   * @return the experiment
   */
  @GetMapping("/{id}")
  @Operation(summary = "One experiment: its definition, status, dates and exposures so far")
  public Experiment get(@PathVariable("id") long id) {
    return ci.experiments().get(id);
  }

  /**
   * @param id the experiment's id
   * @return the experiment, running
   */
  @PostMapping("/{id}/start")
  @Operation(summary = "Start a draft: exposures are recorded from now on (409 unless it is a draft)")
  public Experiment start(@PathVariable("id") long id) {
    return ci.experiments().start(id);
  }

  /**
   * @param id the experiment's id
   * @return the experiment, stopped
   */
  @PostMapping("/{id}/stop")
  @Operation(summary = "Stop a running experiment: no more exposures; results mature until the last window has "
      + "closed (409 unless it is running)")
  public Experiment stop(@PathVariable("id") long id) {
    return ci.experiments().stop(id);
  }

  /**
   * @param id the experiment's id
   * @param customerId the customer
   * @return the customer's arm and whether they may take part now
   */
  @GetMapping("/{id}/assignments/{customerId}")
  @Operation(summary = "A customer's arm (fixed by the experiment's name and the customer's id) and whether the "
      + "customer is eligible now")
  public ExperimentAssignment assignment(
      @PathVariable("id") long id, @PathVariable("customerId") String customerId) {
    return ci.experiments().assign(id, customerId);
  }

  /**
   * @param id the experiment's id
   * @param body the customers and when they were exposed
   * @return what was recorded: a customer exposed before keeps the first exposure
   */
  @PostMapping(path = "/{id}/exposures", consumes = "application/json")
  @Operation(summary = "Record that customers were exposed to their arm, all or nothing (at most 10,000; 409 "
      + "unless the experiment is running); a customer exposed before keeps the first exposure")
  public ExposureResult expose(@PathVariable("id") long id, @RequestBody ExposureBody body) {
    return ci.experiments().expose(id, body.toCustomerIds(), body.exposedAt());
  }

  /**
   * @param id the experiment's id
   * @return the results now
   */
  @GetMapping("/{id}/results")
  @Operation(summary = "The results now: each arm's exposed, measured and converted customers and revenue, each "
      + "treatment against the control, the sample-ratio check, the sample size needed and the measured uplift")
  public ExperimentResults results(@PathVariable("id") long id) {
    return ci.experiments().results(id);
  }

  /**
   * @param baseline the control's expected conversion, in (0, 1)
   * @param mde the absolute change to detect
   * @param alpha the two-sided significance level
   * @param power the chance of detecting a real change
   * @return customers per arm and in all, for two equal arms
   */
  @GetMapping("/sample-size")
  @Operation(summary = "Customers each of two equal arms needs to detect an absolute change in conversion (mde) "
      + "from a baseline at alpha and power (two-sided two-proportion z-test)")
  public SampleSize sampleSize(
      @RequestParam(name = "baseline") double baseline,
      @RequestParam(name = "mde") double mde,
      @RequestParam(name = "alpha", defaultValue = "0.05") double alpha,
      @RequestParam(name = "power", defaultValue = "0.8") double power) {
    long perArm = Params.naming(Map.of("baselineRate", "baseline", "minimumDetectableEffect", "mde"),
        () -> ExperimentStats.sampleSizePerArm(baseline, mde, alpha, power));
    return new SampleSize(baseline, mde, alpha, power, perArm, 2 * perArm);
  }

  /**
   * A sample size.
   *
   * @param baselineRate the control's expected conversion
   * @param minimumDetectableEffect the absolute change to detect
   * @param alpha the significance level
   * @param power the power
   * @param perArm customers per arm
   * @param total customers in both arms
   */
  public record SampleSize(double baselineRate, double minimumDetectableEffect, double alpha, double power,
      long perArm, long total) {}

  /**
   * The definition of an experiment. Absent fields take the SDK's defaults: arms control and treatment at 1:1,
   * everyone eligible, conversion over 30 days, a minimum detectable effect of 0.02 at 95 % confidence, no action.
   *
   * @param name a unique name, 1 to 120 characters; it keys the assignment
   * @param description what it tests
   * @param arms two to ten arms, the first the control
   * @param eligibility who may take part
   * @param metric {@code conversion} or {@code revenue}
   * @param windowDays the days after exposure whose orders count, 1 to 365
   * @param minimumDetectableEffect the smallest effect worth detecting on the primary metric
   * @param confidenceLevel the level of the results' intervals, in (0, 1)
   * @param action the next best action the treatment arm delivers: {@code win_back}, {@code re_engagement},
   *     {@code cross_sell} or {@code vip_care}
   */
  public record ExperimentBody(
      @Nullable String name,
      @Nullable String description,
      @Nullable List<ArmBody> arms,
      @Nullable EligibilityBody eligibility,
      @Nullable String metric,
      @Nullable Integer windowDays,
      @Nullable Double minimumDetectableEffect,
      @Nullable Double confidenceLevel,
      @Nullable String action) {

    ExperimentDefinition toDefinition() {
      ExperimentDefinition.Builder builder = ExperimentDefinition.builder(required(name, "name"))
          .description(description);
      if (arms != null) {
        List<Arm> built = new ArrayList<>(arms.size());
        for (int i = 0; i < arms.size(); i++) {
          String path = "arms[" + i + "]";
          built.add(at(path, arms.get(i)).toArm(path));
        }
        builder.arms(built);
      }
      if (eligibility != null) {
        builder.eligibility(eligibility.toEligibility());
      }
      if (metric != null) {
        builder.metric(wireValue(ExperimentMetric.class, metric, "metric", ExperimentMetric::wireName));
      }
      if (windowDays != null) {
        builder.windowDays(windowDays);
      }
      if (minimumDetectableEffect != null) {
        builder.minimumDetectableEffect(minimumDetectableEffect);
      }
      if (confidenceLevel != null) {
        builder.confidenceLevel(confidenceLevel);
      }
      if (action != null) {
        ActionType type = wireValue(ActionType.class, action, "action", ActionType::wireName);
        if (type == ActionType.NONE) {
          throw InvalidInputException.argument("action", "must be an action to measure: one of "
              + wireNames(ActionType.class, ActionType::wireName) + " (was '" + action + "')");
        }
        builder.action(type);
      }
      return builder.build();
    }
  }

  /**
   * An arm.
   *
   * @param name its name, 1 to 64 characters, unique in the experiment
   * @param weight its share of assignments relative to the other arms': positive (default 1)
   */
  public record ArmBody(@Nullable String name, @Nullable Double weight) {
    Arm toArm(String path) {
      // The SDK names the field arms.name or arms.weight; this body's path says which arm.
      return wrap(path, "arms.", () -> new Arm(required(name, "name"), weight == null ? 1 : weight));
    }
  }

  /**
   * Who may take part, judged against the active model run; with neither condition, every customer.
   *
   * @param segment the RFM segment the customer must be in, such as {@code at_risk}
   * @param preset the segment's preset: {@code rf-grid} (default), {@code shopify} or {@code klaviyo}
   * @param minimumChurnRisk the least churn risk, 0 to 1
   */
  public record EligibilityBody(
      @Nullable String segment,
      @JsonAlias("segmentPreset") @Nullable String preset,
      @Nullable Double minimumChurnRisk) {
    Eligibility toEligibility() {
      try {
        return new Eligibility(preset, segment, minimumChurnRisk);
      } catch (InvalidInputException e) {
        // The SDK's component is segmentPreset; this body's field is preset.
        if (e.field().equals("eligibility.segmentPreset")) {
          throw InvalidInputException.argument("eligibility.preset", e.reason());
        }
        throw e;
      }
    }
  }

  /**
   * Customers exposed to an experiment.
   *
   * @param customerIds 1 to 10,000 customers in the store, each eligible
   * @param exposedAt when they were exposed (ISO-8601, such as {@code 2026-03-01T12:00:00Z}); default now
   */
  public record ExposureBody(@Nullable List<String> customerIds, @Nullable Instant exposedAt) {
    List<String> toCustomerIds() {
      List<String> ids = required(customerIds, "customerIds");
      if (ids.isEmpty()) {
        throw InvalidInputException.argument("customerIds", "must hold at least one customer id");
      }
      if (ids.size() > MAX_EXPOSURES) {
        throw InvalidInputException.argument("customerIds", "may hold at most " + MAX_EXPOSURES
            + " customers per request (was " + ids.size() + ")");
      }
      for (int i = 0; i < ids.size(); i++) {
        at("customerIds[" + i + "]", ids.get(i));
      }
      return ids;
    }
  }

  private static <E extends Enum<E>> E wireValue(
      Class<E> type, String value, String field, Function<E, String> wireName) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (wireName.apply(constant).equals(wanted)) {
        return constant;
      }
    }
    throw InvalidInputException.argument(field, "must be one of " + wireNames(type, wireName) + " (was '" + value
        + "')");
  }

  private static <E extends Enum<E>> String wireNames(Class<E> type, Function<E, String> wireName) {
    return Arrays.stream(type.getEnumConstants())
        .filter(c -> !c.name().equals("NONE"))
        .map(wireName)
        .collect(Collectors.joining(", "));
  }

  private static <T> T at(String path, @Nullable T value) {
    if (value == null) {
      throw InvalidInputException.argument(path, "must not be null");
    }
    return value;
  }

  private static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw InvalidInputException.argument(field, "is required");
    }
    return value;
  }

  /**
   * Builds a value, naming a field the SDK refuses by this body's path: {@code arms.weight} from the SDK, for the
   * second arm, becomes {@code arms[1].weight}; a field of the element itself ({@code name}) gets the path too.
   */
  private static <T> T wrap(String path, String sdkPrefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      String field = e.field();
      if (field.startsWith(path)) {
        throw e;
      }
      String leaf = field.startsWith(sdkPrefix) ? field.substring(sdkPrefix.length()) : field;
      throw new InvalidInputException(null, path + "." + leaf, e.reason());
    }
  }
}
