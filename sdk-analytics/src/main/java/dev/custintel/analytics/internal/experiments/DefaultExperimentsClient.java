package dev.custintel.analytics.internal.experiments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.clv.internal.Normal;
import dev.custintel.analytics.experiments.Arm;
import dev.custintel.analytics.experiments.ArmComparison;
import dev.custintel.analytics.experiments.ArmResult;
import dev.custintel.analytics.experiments.Assignment;
import dev.custintel.analytics.experiments.AssignmentPage;
import dev.custintel.analytics.experiments.Eligibility;
import dev.custintel.analytics.experiments.Experiment;
import dev.custintel.analytics.experiments.ExperimentAssignment;
import dev.custintel.analytics.experiments.ExperimentDefinition;
import dev.custintel.analytics.experiments.ExperimentMetric;
import dev.custintel.analytics.experiments.ExperimentResults;
import dev.custintel.analytics.experiments.ExperimentStateException;
import dev.custintel.analytics.experiments.ExperimentStats;
import dev.custintel.analytics.experiments.ExperimentStatus;
import dev.custintel.analytics.experiments.ExperimentsClient;
import dev.custintel.analytics.experiments.Exposure;
import dev.custintel.analytics.experiments.ExposureResult;
import dev.custintel.analytics.experiments.MeanComparison;
import dev.custintel.analytics.experiments.MeasuredUplift;
import dev.custintel.analytics.experiments.ProportionComparison;
import dev.custintel.analytics.experiments.SampleRatioCheck;
import dev.custintel.analytics.experiments.SampleSummary;
import dev.custintel.analytics.internal.ShopCurrencies;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.spi.StoreAccess;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiments in the store's tables (analytics V5). Assignment is {@link Assignment} keyed by the experiment's name;
 * eligibility is judged against the active run in SQL; exposures are written under a lock on the experiment's row,
 * so a stop and an exposure never interleave and a customer is never recorded twice. Results read each exposed
 * customer's orders in their window, one pass in SQL, and keep per arm only running sums. Thread-safe. Not API.
 */
public final class DefaultExperimentsClient implements ExperimentsClient {
  /** The most customers one call exposes, and the largest page of assignments. */
  public static final int MAX_BATCH = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(DefaultExperimentsClient.class);
  private static final int IN_CHUNK = 1_000;
  private static final double POWER = 0.8;

  private final StoreAccess access;
  private final ModelsClient models;
  private final Clock clock;
  /** The amount an action's uplift multiplies for a customer, for actions not read in SQL (cross-sell). */
  private final BiFunction<String, ActionType, @Nullable BigDecimal> actionBase;
  private final Cache<ActionType, Optional<MeasuredUplift>> uplifts =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build();

  /**
   * @param access the store
   * @param models the model runs, for eligibility
   * @param actionBase what an action's uplift multiplies for a customer (cross-sell only; the others come from the
   *     active run's scores)
   */
  public DefaultExperimentsClient(StoreAccess access, ModelsClient models,
      BiFunction<String, ActionType, @Nullable BigDecimal> actionBase) {
    this.access = access;
    this.models = models;
    this.clock = access.store().clock();
    this.actionBase = actionBase;
  }

  @Override
  public Experiment create(ExperimentDefinition d) {
    Objects.requireNonNull(d, "definition");
    String segment = d.eligibility().segment();
    if (segment != null) {
      String presetId = Objects.requireNonNull(d.eligibility().segmentPreset());
      SegmentPreset preset = null;
      try {
        preset = SegmentPreset.parse(presetId);
      } catch (InvalidInputException custom) {
        // A host's own preset: the run that stores it knows its segments.
      }
      if (preset != null && !preset.hasSegment(segment)) {
        throw InvalidInputException.argument("eligibility.segment", "preset " + preset.id() + " has no segment '"
            + segment + "'; it has " + preset.segments().stream().map(r -> r.name()).toList());
      }
    }
    Instant now = clock.instant();
    try {
      long id = access.inTransaction("Creating experiment " + d.name(), h -> {
        long key = h.createUpdate(access.sql("INSERT INTO {experiments} (name, description, status, metric,"
                + " window_days, mde, confidence, action, segment_preset, segment, min_churn_risk, created_at)"
                + " VALUES (:name, :description, 'DRAFT', :metric, :window, :mde, :confidence, :action, :preset,"
                + " :segment, :risk, :now)"))
            .bind("name", d.name())
            .bind("description", d.description())
            .bind("metric", d.metric().name())
            .bind("window", d.windowDays())
            .bind("mde", d.minimumDetectableEffect())
            .bind("confidence", d.confidenceLevel())
            .bind("action", d.action() == null ? null : Objects.requireNonNull(d.action()).name())
            .bind("preset", d.eligibility().segmentPreset())
            .bind("segment", d.eligibility().segment())
            .bind("risk", d.eligibility().minimumChurnRisk())
            .bind("now", at(now))
            .executeAndReturnGeneratedKeys("experiment_id").mapTo(Long.class).one();
        PreparedBatch arms = h.prepareBatch(access.sql(
            "INSERT INTO {experiment_arms} (experiment_id, arm, name, weight) VALUES (:id, :arm, :name, :weight)"));
        for (int i = 0; i < d.arms().size(); i++) {
          arms.bind("id", key).bind("arm", i).bind("name", d.arms().get(i).name())
              .bind("weight", d.arms().get(i).weight()).add();
        }
        arms.execute();
        return key;
      });
      return get(id);
    } catch (RuntimeException e) {
      if (access.isDuplicateKey(e)) {
        throw InvalidInputException.argument("name", "an experiment named '" + d.name() + "' exists already");
      }
      throw e;
    }
  }

  @Override
  public Experiment get(long experimentId) {
    return access.read("Reading experiment " + experimentId, h -> load(h, experimentId, false));
  }

  @Override
  public List<Experiment> list() {
    return access.read("Listing experiments", h -> {
      List<Long> ids = h.createQuery(access.sql("SELECT experiment_id FROM {experiments}"
          + " ORDER BY experiment_id DESC")).mapTo(Long.class).list();
      List<Experiment> out = new ArrayList<>(ids.size());
      for (long id : ids) {
        out.add(load(h, id, false));
      }
      return out;
    });
  }

  @Override
  public Experiment start(long experimentId) {
    return move(experimentId, ExperimentStatus.DRAFT, ExperimentStatus.RUNNING, "started_at");
  }

  @Override
  public Experiment stop(long experimentId) {
    Experiment e = move(experimentId, ExperimentStatus.RUNNING, ExperimentStatus.STOPPED, "stopped_at");
    uplifts.invalidateAll();
    return e;
  }

  private Experiment move(long id, ExperimentStatus from, ExperimentStatus to, String column) {
    Instant now = clock.instant();
    access.inTransaction("Moving experiment " + id + " to " + to.wireName(), h -> {
      Experiment e = load(h, id, true);
      if (e.status() != from) {
        throw new ExperimentStateException(id, e.status(), "Experiment " + id + " is " + e.status().wireName()
            + ": only a " + from.wireName() + " experiment can be " + (to == ExperimentStatus.RUNNING ? "started"
            : "stopped"));
      }
      h.createUpdate(access.sql("UPDATE {experiments} SET status = :to, " + column + " = :now"
              + " WHERE experiment_id = :id"))
          .bind("to", to.name()).bind("now", at(now)).bind("id", id).execute();
      return null;
    });
    return get(id);
  }

  @Override
  public ExperimentAssignment assign(long experimentId, String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    return access.read("Assigning a customer to experiment " + experimentId, h -> {
      Experiment e = load(h, experimentId, false);
      boolean known = h.createQuery(access.sql("SELECT COUNT(*) FROM {customers} WHERE customer_id = :id"))
          .bind("id", customerId).mapTo(Long.class).one() > 0;
      if (!known) {
        throw NotFoundException.customer(customerId);
      }
      Eligibility el = e.definition().eligibility();
      @Nullable String reason = null;
      if (el.needsRun()) {
        long run = runFor(h, el);
        if (eligible(h, el, run, List.of(customerId)).isEmpty()) {
          reason = whyNot(h, el, run, customerId);
        }
      }
      int arm = Assignment.arm(e.definition().name(), customerId, e.definition().weights());
      return new ExperimentAssignment(experimentId, customerId, arm, e.definition().arms().get(arm).name(),
          reason == null, reason);
    });
  }

  @Override
  public AssignmentPage assignments(long experimentId, int limit, @Nullable String cursor) {
    if (limit < 1 || limit > MAX_BATCH) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_BATCH + " (was " + limit + ")");
    }
    return access.read("Listing the assignments of experiment " + experimentId, h -> {
      Experiment e = load(h, experimentId, false);
      Eligibility el = e.definition().eligibility();
      long run = el.needsRun() ? runFor(h, el) : -1;
      List<String> ids = h.createQuery(access.sql("SELECT c.customer_id FROM {customers} c" + joins(el)
              + " WHERE c.customer_id > :cursor ORDER BY c.customer_id FETCH FIRST " + (limit + 1) + " ROWS ONLY"))
          .bindMap(params(el, run)).bind("cursor", cursor == null ? "" : cursor)
          .mapTo(String.class).list();
      boolean more = ids.size() > limit;
      List<ExperimentAssignment> page = new ArrayList<>(Math.min(ids.size(), limit));
      List<Double> weights = e.definition().weights();
      for (String id : more ? ids.subList(0, limit) : ids) {
        int arm = Assignment.arm(e.definition().name(), id, weights);
        page.add(new ExperimentAssignment(experimentId, id, arm, e.definition().arms().get(arm).name(), true, null));
      }
      return new AssignmentPage(page, more ? ids.get(limit - 1) : null);
    });
  }

  @Override
  public ExposureResult expose(long experimentId, Collection<String> customerIds, @Nullable Instant exposedAt) {
    Objects.requireNonNull(customerIds, "customerIds");
    Set<String> ids = new LinkedHashSet<>();
    int index = 0;
    for (String id : customerIds) {
      if (id == null || id.isBlank() || id.length() > 64) {
        throw InvalidInputException.argument("customerIds[" + index + "]", "must be a customer id of 1 to 64"
            + " characters (was " + (id == null ? "null" : "'" + abbreviate(id) + "'") + ")");
      }
      ids.add(id);
      index++;
    }
    if (ids.isEmpty() || customerIds.size() > MAX_BATCH) {
      throw InvalidInputException.argument("customerIds", "must hold 1 to " + MAX_BATCH + " customers (was "
          + customerIds.size() + ")");
    }
    Instant now = clock.instant();
    // Microseconds: what both databases keep, so the first answer and every later one show the same instant.
    Instant when = (exposedAt == null ? now : exposedAt).truncatedTo(ChronoUnit.MICROS);
    if (when.isAfter(now)) {
      throw InvalidInputException.argument("exposedAt", "must not be in the future (was " + when + ", now " + now
          + ")");
    }
    Experiment before = get(experimentId);
    ActionType action = before.definition().action();
    // Cross-sell amounts come from the affinity rules, read before the transaction (they need connections of
    // their own); a customer already exposed merely gets an amount that is not used.
    Map<String, BigDecimal> bases = new HashMap<>();
    if (action == ActionType.CROSS_SELL && before.status() == ExperimentStatus.RUNNING) {
      for (String id : ids) {
        BigDecimal base = actionBase.apply(id, action);
        if (base != null) {
          bases.put(id, base);
        }
      }
    }
    ExposureResult result = access.inTransaction("Exposing customers to experiment " + experimentId, h -> {
      Experiment e = load(h, experimentId, true);
      if (e.status() != ExperimentStatus.RUNNING) {
        throw new ExperimentStateException(experimentId, e.status(), "Experiment " + experimentId + " is "
            + e.status().wireName() + ": customers can be exposed only while it runs");
      }
      Instant started = Objects.requireNonNull(e.startedAt());
      if (when.isBefore(started)) {
        throw InvalidInputException.argument("exposedAt", "must not be before the experiment started (was " + when
            + ", started " + started + ")");
      }
      List<String> all = new ArrayList<>(ids);
      Eligibility el = e.definition().eligibility();
      long run = el.needsRun() ? runFor(h, el) : models.active().map(ModelRun::id).orElse(-1L);
      Set<String> eligible = eligible(h, el, run, all);
      int i = 0;
      for (String id : customerIds) {
        if (!eligible.contains(id)) {
          throw InvalidInputException.argument("customerIds[" + i + "]", whyNot(h, el, run, id));
        }
        i++;
      }
      if (action != null && action != ActionType.CROSS_SELL && run >= 0) {
        bases.putAll(scoreBases(h, action, run, all));
      }
      Map<String, Exposure> existing = new HashMap<>();
      for (List<String> chunk : chunks(all)) {
        h.createQuery(access.sql("SELECT customer_id, arm, exposed_at FROM {experiment_exposures}"
                + " WHERE experiment_id = :id AND customer_id IN (<ids>)"))
            .bind("id", experimentId).bindList("ids", chunk)
            .map((rs, ctx) -> {
              int arm = rs.getInt("arm");
              return new Exposure(rs.getString("customer_id"), arm, e.definition().arms().get(arm).name(),
                  rs.getObject("exposed_at", OffsetDateTime.class).toInstant(), false);
            })
            .forEach(x -> existing.put(x.customerId(), x));
      }
      List<Exposure> out = new ArrayList<>(all.size());
      PreparedBatch insert = h.prepareBatch(access.sql("INSERT INTO {experiment_exposures}"
          + " (experiment_id, customer_id, arm, exposed_at, action_base) VALUES (:id, :customer, :arm, :at, :base)"));
      int recorded = 0;
      for (String id : all) {
        Exposure old = existing.get(id);
        if (old != null) {
          out.add(old);
          continue;
        }
        int arm = Assignment.arm(e.definition().name(), id, e.definition().weights());
        insert.bind("id", experimentId).bind("customer", id).bind("arm", arm).bind("at", at(when))
            .bind("base", action == null ? null : bases.get(id)).add();
        out.add(new Exposure(id, arm, e.definition().arms().get(arm).name(), when, true));
        recorded++;
      }
      if (recorded > 0) {
        insert.execute();
      }
      return new ExposureResult(experimentId, recorded, all.size() - recorded, out);
    });
    return result;
  }

  @Override
  public ExperimentResults results(long experimentId) {
    Instant asOf = clock.instant();
    Optional<ModelRun> run = models.active();
    return access.read("Analysing experiment " + experimentId, h -> {
      Experiment e = load(h, experimentId, false);
      ExperimentDefinition d = e.definition();
      Currency currency = run.map(r -> r.data().currency()).orElseGet(() -> ShopCurrencies.only(access, h));
      int arms = d.arms().size();
      long[] exposed = new long[arms];
      h.createQuery(access.sql("SELECT arm, COUNT(*) AS n FROM {experiment_exposures} WHERE experiment_id = :id"
              + " GROUP BY arm"))
          .bind("id", experimentId)
          .map((rs, ctx) -> new long[] {rs.getInt("arm"), rs.getLong("n")})
          .forEach(r -> exposed[(int) r[0]] = r[1]);
      Instant cutoff = asOf.minus(Duration.ofDays(d.windowDays()));
      Sums[] all = new Sums[arms];
      Sums[] withBase = new Sums[arms];
      for (int i = 0; i < arms; i++) {
        all[i] = new Sums();
        withBase[i] = new Sums();
      }
      double[] baseTotal = new double[arms];
      // One row per measured customer: purchases and net revenue in [exposed_at, exposed_at + window).
      h.createQuery(access.sql("SELECT x.arm, x.action_base,"
              + " COALESCE(SUM(CASE WHEN o.kind = 'PURCHASE' THEN 1 ELSE 0 END), 0) AS purchases,"
              + " COALESCE(SUM(CASE WHEN o.currency <> :currency THEN 0 WHEN o.kind = 'PURCHASE' THEN o.total_amount"
              + " ELSE -o.total_amount END), 0) AS net"
              + " FROM {experiment_exposures} x LEFT JOIN {orders} o ON o.customer_id = x.customer_id"
              + " AND o.placed_at >= x.exposed_at AND o.placed_at < x.exposed_at + INTERVAL '" + d.windowDays()
              + "' DAY"
              + " WHERE x.experiment_id = :id AND x.exposed_at <= :cutoff"
              + " GROUP BY x.customer_id, x.arm, x.action_base"))
          .bind("id", experimentId).bind("cutoff", at(cutoff))
          .bind("currency", currency == null ? "" : currency.getCurrencyCode())
          .setFetchSize(2_000)
          .map((rs, ctx) -> {
            BigDecimal base = rs.getBigDecimal("action_base");
            return new Outcome(rs.getInt("arm"), rs.getLong("purchases") > 0, rs.getBigDecimal("net").doubleValue(),
                base == null ? null : base.doubleValue());
          })
          .forEach(o -> {
            all[o.arm].add(o.converted, o.revenue);
            Double base = o.base;
            if (base != null) {
              withBase[o.arm].add(o.converted, o.revenue);
              baseTotal[o.arm] += base;
            }
          });
      long measuredTotal = 0;
      List<ArmResult> armResults = new ArrayList<>(arms);
      for (int i = 0; i < arms; i++) {
        Arm a = d.arms().get(i);
        Sums arm = all[i];
        armResults.add(new ArmResult(i, a.name(), a.weight(), exposed[i], arm.n, arm.conversions,
            arm.n == 0 ? null : arm.rate(), arm.n == 0 ? null : arm.mean, arm.n < 2 ? null : arm.variance()));
        measuredTotal += all[i].n;
      }
      long exposedTotal = 0;
      List<Long> counts = new ArrayList<>(arms);
      for (long x : exposed) {
        exposedTotal += x;
        counts.add(x);
      }
      long pending = exposedTotal - measuredTotal;
      SampleRatioCheck srm = exposedTotal == 0 ? null : ExperimentStats.sampleRatio(counts, d.weights());
      double alpha = 1 - d.confidenceLevel();
      List<ArmComparison> comparisons = new ArrayList<>(arms - 1);
      for (int i = 1; i < arms; i++) {
        ProportionComparison conversion = all[0].n > 0 && all[i].n > 0
            ? ExperimentStats.twoProportions(all[0].conversions, all[0].n, all[i].conversions, all[i].n,
                d.confidenceLevel())
            : null;
        MeanComparison revenue = all[0].n > 1 && all[i].n > 1
            ? ExperimentStats.welch(all[0].summary(), all[i].summary(), d.confidenceLevel())
            : null;
        double p = d.metric() == ExperimentMetric.CONVERSION
            ? (conversion == null ? 1 : conversion.pValue())
            : (revenue == null ? 1 : revenue.pValue());
        comparisons.add(new ArmComparison(i, d.arms().get(i).name(), conversion, revenue, p < alpha));
      }
      Long sampleSize = sampleSize(d, all[0], alpha);
      boolean finished = e.status() == ExperimentStatus.STOPPED && pending == 0;
      MeasuredUplift uplift = null;
      ActionType action = d.action();
      long baseCustomers = withBase[0].n + withBase[1].n;
      double meanBase = baseCustomers == 0 ? 0 : (baseTotal[0] + baseTotal[1]) / baseCustomers;
      if (action != null && finished && (srm == null || !srm.mismatch()) && withBase[0].n > 1
          && withBase[1].n > 1 && meanBase > 0) {
        // The treatment arm (the second) against the control, over the mean amount of those two arms.
        MeanComparison effect = ExperimentStats.welch(withBase[0].summary(), withBase[1].summary(),
            d.confidenceLevel());
        double estimate = effect.difference() / meanBase;
        uplift = new MeasuredUplift(e.id(), d.name(), action, estimate, effect.lower() / meanBase,
            effect.upper() / meanBase, d.confidenceLevel(), baseCustomers, Math.max(0, Math.min(1, estimate)));
      }
      String summary = summary(e, armResults, comparisons, pending, srm, finished, currency);
      return new ExperimentResults(e, asOf, currency, armResults, comparisons, pending, srm, sampleSize, finished,
          uplift, summary);
    });
  }

  @Override
  public Optional<MeasuredUplift> measuredUplift(ActionType action) {
    Objects.requireNonNull(action, "action");
    return uplifts.get(action, a -> {
      List<Long> stopped = access.read("Finding experiments of " + a.wireName(), h -> h.createQuery(access.sql(
              "SELECT experiment_id FROM {experiments} WHERE action = :action AND status = 'STOPPED'"
                  + " ORDER BY stopped_at DESC, experiment_id DESC"))
          .bind("action", a.name()).mapTo(Long.class).list());
      for (long id : stopped) {
        MeasuredUplift m = results(id).measuredUplift();
        if (m != null) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Campaign exclusions.
   *
   * @param customerIds the candidates
   * @param contactedWithin customers exposed to a treatment arm this recently are excluded (zero: none)
   * @param controlGroups whether customers in the control group of a running experiment they are eligible for are
   *     excluded
   * @return the excluded candidates, each with the reason
   */
  public Map<String, Exclusion> exclusions(List<String> customerIds, Duration contactedWithin,
      boolean controlGroups) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    Instant since = clock.instant().minus(contactedWithin);
    return access.read("Reading campaign exclusions", h -> {
      Map<String, Exclusion> out = new LinkedHashMap<>();
      if (!contactedWithin.isZero()) {
        for (List<String> chunk : chunks(customerIds)) {
          h.createQuery(access.sql("SELECT customer_id, MAX(exposed_at) AS last_at FROM {experiment_exposures}"
                  + " WHERE arm > 0 AND exposed_at >= :since AND customer_id IN (<ids>) GROUP BY customer_id"))
              .bind("since", at(since)).bindList("ids", chunk)
              .map((rs, ctx) -> new Exclusion(rs.getString("customer_id"), Exclusion.Kind.CONTACTED,
                  "exposed to a treatment arm on " + rs.getObject("last_at", OffsetDateTime.class).toInstant()))
              .forEach(x -> out.put(x.customerId(), x));
        }
      }
      if (controlGroups) {
        List<Long> running = h.createQuery(access.sql("SELECT experiment_id FROM {experiments}"
            + " WHERE status = 'RUNNING' ORDER BY experiment_id")).mapTo(Long.class).list();
        for (long id : running) {
          Experiment e = load(h, id, false);
          Eligibility el = e.definition().eligibility();
          Optional<ModelRun> active = models.active();
          if (el.needsRun() && active.isEmpty()) {
            continue;
          }
          long run;
          try {
            run = el.needsRun() ? runFor(h, el) : active.map(ModelRun::id).orElse(-1L);
          } catch (ModelNotReadyException notReady) {
            LOG.warn("Campaign exclusions: cannot tell the control group of experiment {} ({})", id,
                notReady.getMessage());
            continue;
          }
          List<String> left = customerIds.stream().filter(c -> !out.containsKey(c)).toList();
          for (String c : eligible(h, el, run, left)) {
            if (Assignment.arm(e.definition().name(), c, e.definition().weights()) == 0) {
              out.put(c, new Exclusion(c, Exclusion.Kind.CONTROL_GROUP, "in the control group of running experiment "
                  + id + " (" + e.definition().name() + ")"));
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * A campaign exclusion.
   *
   * @param customerId the customer
   * @param kind why
   * @param reason why, in words
   */
  public record Exclusion(String customerId, Kind kind, String reason) {
    /** Why a customer is excluded. */
    public enum Kind {
      /** Exposed to a treatment recently. */
      CONTACTED,
      /** Held out by a running experiment. */
      CONTROL_GROUP
    }
  }

  private @Nullable Long sampleSize(ExperimentDefinition d, Sums control, double alpha) {
    double mde = d.minimumDetectableEffect();
    if (d.metric() == ExperimentMetric.CONVERSION) {
      double p = control.rate();
      return control.n > 0 && p > 0 && p + mde < 1 ? ExperimentStats.sampleSizePerArm(p, mde, alpha, POWER) : null;
    }
    double variance = control.variance();
    if (control.n < 2 || variance <= 0) {
      return null;
    }
    // Two equal arms, normal approximation: n = 2·(z_{1−α/2} + z_{power})²·σ² / mde².
    double z = Normal.quantile(1 - alpha / 2) + Normal.quantile(POWER);
    return (long) Math.ceil(2 * z * z * variance / (mde * mde) - 1e-9);
  }

  private static String summary(Experiment e, List<ArmResult> arms, List<ArmComparison> comparisons, long pending,
      @Nullable SampleRatioCheck srm, boolean finished, @Nullable Currency currency) {
    ExperimentDefinition d = e.definition();
    StringBuilder s = new StringBuilder();
    long exposed = arms.stream().mapToLong(ArmResult::exposed).sum();
    if (exposed == 0) {
      return "No customer has been exposed yet.";
    }
    if (srm != null && srm.mismatch()) {
      s.append(String.format(Locale.ROOT, "Sample-ratio mismatch (p = %.2g): the arms' sizes do not fit their"
          + " weights, so assignment or exposure logging is broken and these results cannot be trusted. ",
          srm.pValue()));
    }
    ArmResult control = arms.get(0);
    for (ArmComparison c : comparisons) {
      ArmResult t = arms.get(c.arm());
      if (d.metric() == ExperimentMetric.CONVERSION) {
        ProportionComparison p = c.conversion();
        if (p == null) {
          s.append(t.name()).append(": no measured customer in both arms yet. ");
          continue;
        }
        s.append(String.format(Locale.ROOT, "%s converted %.1f %% against %.1f %% in %s (%+.1f points, %s %% CI"
                + " %+.1f to %+.1f, p = %.2g): %s. ", t.name(), 100 * p.treatmentRate(), 100 * p.controlRate(),
            control.name(), 100 * p.difference(), level(d), 100 * p.lower(), 100 * p.upper(), p.pValue(),
            c.significant() ? "significant" : "not significant"));
      } else {
        MeanComparison m = c.revenue();
        if (m == null) {
          s.append(t.name()).append(": fewer than two measured customers in an arm yet. ");
          continue;
        }
        String code = currency == null ? "" : " " + currency.getCurrencyCode();
        s.append(String.format(Locale.ROOT, "%s brought %.2f%s per customer against %.2f%s in %s (%+.2f, %s %% CI"
                + " %+.2f to %+.2f, p = %.2g): %s. ", t.name(), m.treatment().mean(), code, m.control().mean(), code,
            control.name(), m.difference(), level(d), m.lower(), m.upper(), m.pValue(),
            c.significant() ? "significant" : "not significant"));
      }
    }
    long measured = arms.stream().mapToLong(ArmResult::measured).sum();
    s.append(String.format(Locale.ROOT, "%,d of %,d exposed customers measured", measured, exposed));
    s.append(pending > 0 ? String.format(Locale.ROOT, "; %,d still in their %d-day window.", pending,
        d.windowDays()) : ".");
    if (finished) {
      s.append(" Finished.");
    }
    return s.toString();
  }

  private static String level(ExperimentDefinition d) {
    return BigDecimal.valueOf(d.confidenceLevel() * 100).stripTrailingZeros().toPlainString();
  }

  private long activeRun() {
    return models.active().orElseThrow(() -> new ModelNotReadyException("clv",
        "the experiment's eligibility needs an active model run; refresh the models first")).id();
  }

  /** The active run, checked to store the segments of the eligibility's preset. */
  private long runFor(Handle h, Eligibility el) {
    long run = activeRun();
    String preset = el.segmentPreset();
    if (el.segment() != null && preset != null) {
      List<String> stored = h.createQuery(access.sql("SELECT preset FROM {segment_runs} WHERE run_id = :run"))
          .bind("run", run).mapTo(String.class).list();
      if (!stored.contains(preset)) {
        throw new ModelNotReadyException("segments", "the experiment's eligibility is a segment of preset " + preset
            + ", but the active run " + run + " stored " + (stored.isEmpty() ? "no segments" : "the segments of "
            + String.join(", ", stored)) + ". Refresh the models with ModelRunRequest.builder().segments(...) set to"
            + " that preset, then try again.");
      }
    }
    return run;
  }

  /** The joins that keep only eligible customers of {@code c}. */
  private String joins(Eligibility el) {
    StringBuilder s = new StringBuilder();
    if (el.segment() != null) {
      s.append(" JOIN ").append(access.table("segment_memberships")).append(" m ON m.customer_id = c.customer_id"
          + " AND m.run_id = :run AND m.preset = :preset AND m.segment = :segment");
    }
    if (el.minimumChurnRisk() != null) {
      s.append(" JOIN ").append(access.table("customer_scores")).append(" s ON s.customer_id = c.customer_id"
          + " AND s.run_id = :run AND (1 - s.p_alive) >= :risk");
    }
    return s.toString();
  }

  private static Map<String, Object> params(Eligibility el, long run) {
    Map<String, Object> p = new HashMap<>();
    if (el.needsRun()) {
      p.put("run", run);
    }
    if (el.segment() != null) {
      p.put("preset", Objects.requireNonNull(el.segmentPreset()));
      p.put("segment", Objects.requireNonNull(el.segment()));
    }
    Double risk = el.minimumChurnRisk();
    if (risk != null) {
      p.put("risk", risk);
    }
    return p;
  }

  private Set<String> eligible(Handle h, Eligibility el, long run, List<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> chunk : chunks(ids)) {
      h.createQuery(access.sql("SELECT c.customer_id FROM {customers} c" + joins(el)
              + " WHERE c.customer_id IN (<ids>)"))
          .bindMap(params(el, run)).bindList("ids", chunk)
          .mapTo(String.class).forEach(out::add);
    }
    return out;
  }

  /** Why a customer is not eligible, as a sentence naming it. */
  private String whyNot(Handle h, Eligibility el, long run, String customerId) {
    String who = "Customer '" + abbreviate(customerId) + "' ";
    boolean known = h.createQuery(access.sql("SELECT COUNT(*) FROM {customers} WHERE customer_id = :id"))
        .bind("id", customerId).mapTo(Long.class).one() > 0;
    if (!known) {
      return who + "is not a customer in the store";
    }
    Optional<String> segment = el.segment() == null ? Optional.empty() : h.createQuery(access.sql(
            "SELECT segment FROM {segment_memberships} WHERE run_id = :run AND preset = :preset"
                + " AND customer_id = :id"))
        .bind("run", run).bind("preset", el.segmentPreset()).bind("id", customerId).mapTo(String.class).findOne();
    if (el.segment() != null && !segment.equals(Optional.ofNullable(el.segment()))) {
      return who + "is not eligible: it is " + segment.map(s -> "in segment " + s).orElse("in no segment") + " of preset "
          + el.segmentPreset() + " under run " + run + ", not in " + el.segment();
    }
    Optional<Double> risk = h.createQuery(access.sql("SELECT 1 - p_alive FROM {customer_scores}"
            + " WHERE run_id = :run AND customer_id = :id"))
        .bind("run", run).bind("id", customerId).mapTo(Double.class).findOne();
    return who + "is not eligible: " + risk.map(r -> String.format(Locale.ROOT, "its churn risk under run %d is %.4f,"
        + " below %s", run, r, el.minimumChurnRisk())).orElse("run " + run + " has no score for it");
  }

  /** Value at risk (win-back, re-engagement) or lifetime value (VIP care) under the run, in its currency. */
  private Map<String, BigDecimal> scoreBases(Handle h, ActionType action, long run, List<String> ids) {
    String column = action == ActionType.VIP_CARE ? "ltv" : "value_at_risk";
    Map<String, BigDecimal> out = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      h.createQuery(access.sql("SELECT customer_id, " + column + " AS base FROM {customer_scores}"
              + " WHERE run_id = :run AND customer_id IN (<ids>)"))
          .bind("run", run).bindList("ids", chunk)
          .map((rs, ctx) -> Map.entry(rs.getString("customer_id"), BigDecimal.valueOf(rs.getDouble("base"))
              .setScale(4, java.math.RoundingMode.HALF_EVEN)))
          .forEach(x -> out.put(x.getKey(), x.getValue()));
    }
    return out;
  }

  private Experiment load(Handle h, long id, boolean lock) {
    Optional<Row> row = h.createQuery(access.sql("SELECT experiment_id, name, description, status, metric,"
            + " window_days, mde, confidence, action, segment_preset, segment, min_churn_risk, created_at,"
            + " started_at, stopped_at FROM {experiments} WHERE experiment_id = :id" + (lock ? " FOR UPDATE" : "")))
        .bind("id", id)
        .map((rs, ctx) -> {
          double risk = rs.getDouble("min_churn_risk");
          Double minRisk = rs.wasNull() ? null : risk;
          String action = rs.getString("action");
          OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
          OffsetDateTime stopped = rs.getObject("stopped_at", OffsetDateTime.class);
          return new Row(rs.getString("name"), rs.getString("description"), rs.getString("status"),
              rs.getString("metric"), rs.getInt("window_days"), rs.getDouble("mde"), rs.getDouble("confidence"),
              action == null ? null : ActionType.valueOf(action),
              new Eligibility(rs.getString("segment_preset"), rs.getString("segment"), minRisk),
              rs.getObject("created_at", OffsetDateTime.class).toInstant(),
              started == null ? null : started.toInstant(), stopped == null ? null : stopped.toInstant());
        })
        .findOne();
    if (row.isEmpty()) {
      throw new NotFoundException("experiment", Long.toString(id), "No experiment with id " + id + ". List the"
          + " experiments with ci.experiments().list() (CLI: custintel experiments list; REST: GET /api/experiments).");
    }
    Row r = row.get();
    List<Arm> arms = h.createQuery(access.sql("SELECT name, weight FROM {experiment_arms}"
            + " WHERE experiment_id = :id ORDER BY arm"))
        .bind("id", id).map((rs, ctx) -> new Arm(rs.getString("name"), rs.getDouble("weight"))).list();
    long exposures = h.createQuery(access.sql("SELECT COUNT(*) FROM {experiment_exposures}"
            + " WHERE experiment_id = :id"))
        .bind("id", id).mapTo(Long.class).one();
    ExperimentDefinition d = new ExperimentDefinition(r.name, r.description, arms, r.eligibility,
        ExperimentMetric.valueOf(r.metric), r.windowDays, r.mde, r.confidence, r.action);
    return new Experiment(id, d, ExperimentStatus.valueOf(r.status), r.createdAt, r.startedAt, r.stoppedAt,
        exposures);
  }

  private record Row(String name, @Nullable String description, String status, String metric, int windowDays,
      double mde, double confidence, @Nullable ActionType action, Eligibility eligibility, Instant createdAt,
      @Nullable Instant startedAt, @Nullable Instant stoppedAt) {}

  private record Outcome(int arm, boolean converted, double revenue, @Nullable Double base) {}

  /** Running count, conversions, mean and sum of squares (Welford) of one arm's revenue. */
  private static final class Sums {
    long n;
    long conversions;
    double mean;
    double m2;

    void add(boolean converted, double revenue) {
      n++;
      if (converted) {
        conversions++;
      }
      double delta = revenue - mean;
      mean += delta / n;
      m2 += delta * (revenue - mean);
    }

    double rate() {
      return n == 0 ? 0 : (double) conversions / n;
    }

    double variance() {
      return n < 2 ? 0 : Math.max(0, m2 / (n - 1));
    }

    SampleSummary summary() {
      return new SampleSummary(n, mean, variance());
    }
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IN_CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)));
    }
    return out;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String abbreviate(String id) {
    return id.length() > 64 ? id.substring(0, 64) + "…" : id;
  }
}
