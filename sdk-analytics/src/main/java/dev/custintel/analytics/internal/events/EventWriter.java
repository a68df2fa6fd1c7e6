package dev.custintel.analytics.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.events.EventRules;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.internal.RowInserter;
import dev.custintel.core.spi.StoreAccess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Emits a model run's events in the run's own transaction, once the run is active: the level rules (churn risk,
 * high value) with hysteresis over {@code event_states}, and the run's segment changes. Ids come from the one row
 * of {@code event_counter}, updated last so that its lock is held only for the inserts and the commit. Not API.
 */
public final class EventWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHURN = "churn_risk";
  private static final String VALUE = "high_value";

  private final StoreAccess access;
  private final EventRules rules;

  /** @param access the store @param rules when to emit */
  public EventWriter(StoreAccess access, EventRules rules) {
    this.access = Objects.requireNonNull(access, "access");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  private record Pending(EventType type, String customerId, Map<String, Object> payload) {}

  /**
   * @param h the run's transaction, after its scores, segments and activation are written
   * @param runId the run
   * @param scores the run's scores, as just written
   * @param at the run's time: the events' and new states' time
   * @param currency the run's currency code
   * @param segmentPreset the preset whose memberships the run stored, or null
   * @return how many events were written
   */
  public int afterRun(
      Handle h, long runId, List<CustomerValue> scores, Instant at, String currency, @Nullable String segmentPreset) {
    Long baseline = h.createQuery(access.sql("SELECT baseline_run_id FROM {event_counter} WHERE id = 1"))
        .mapTo(Long.class).findOne().orElse(null);
    boolean first = baseline == null;
    List<Pending> pending = levelEvents(h, runId, at, scores, currency, null, !first, null);
    if (rules.segmentChanges() && segmentPreset != null) {
      h.createQuery(access.sql("SELECT customer_id, previous_segment, segment, r, f, m FROM {segment_memberships}"
              + " WHERE run_id = :run AND preset = :preset AND changed_run_id = :run"
              + " AND previous_segment IS NOT NULL ORDER BY customer_id"))
          .bind("run", runId)
          .bind("preset", segmentPreset)
          .map((rs, ctx) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("preset", segmentPreset);
            p.put("from", rs.getString(2));
            p.put("to", rs.getString(3));
            p.put("r", rs.getInt(4));
            p.put("f", rs.getInt(5));
            p.put("m", rs.getInt(6));
            return new Pending(EventType.SEGMENT_CHANGED, rs.getString(1), p);
          })
          .forEach(pending::add);
    }
    return emit(h, runId, at, pending, "the events of model run " + runId);
  }

  /**
   * Takes ids for the events and writes them. Last in a transaction: the counter row's lock orders this
   * transaction's commit after every earlier writer's. The first call records its run as the baseline.
   */
  private int emit(Handle h, long runId, Instant at, List<Pending> pending, String what) {
    h.createUpdate(access.sql("UPDATE {event_counter} SET last_id = last_id + :n,"
            + " baseline_run_id = COALESCE(baseline_run_id, :run) WHERE id = 1"))
        .bind("n", pending.size())
        .bind("run", runId)
        .execute();
    long last = h.createQuery(access.sql("SELECT last_id FROM {event_counter} WHERE id = 1")).mapTo(Long.class).one();
    insert(h, last - pending.size() + 1, runId, at, pending, what);
    return pending.size();
  }

  /** The high-value levels of one run's scores (top-percent rule): computed once per run. */
  private record ValueLevels(long runId, double enter, double exit) {}

  private volatile @Nullable ValueLevels valueLevels;

  /**
   * Emits the events of customers just re-scored under the active run after their orders changed (see {@code
   * Rescorer}), in the re-scoring's transaction: the level rules with hysteresis over these customers' states only.
   * A top-percent value rule keeps the run's own level (the value at that rank among the run's scores when its
   * first re-scoring asked). Segment changes come from model runs only. Nothing is emitted, and no state moves,
   * before a run has recorded the baseline.
   *
   * @param h the re-scoring's transaction, after the new scores are written and with the run pointer locked
   * @param runId the active run
   * @param scores the new scores of the customers that are still scored
   * @param touched every customer re-scored, including those left without a score
   * @param at the events' time
   * @param currency the run's currency code
   * @return how many events were written
   */
  public int afterRescore(
      Handle h, long runId, List<CustomerValue> scores, Collection<String> touched, Instant at, String currency) {
    Long baseline = h.createQuery(access.sql("SELECT baseline_run_id FROM {event_counter} WHERE id = 1"))
        .mapTo(Long.class).findOne().orElse(null);
    if (baseline == null || touched.isEmpty()) {
      return 0;
    }
    List<Pending> pending = levelEvents(h, runId, at, scores, currency, touched, true, "ingestion");
    return pending.isEmpty() ? 0 : emit(h, runId, at, pending, "the events of re-scored customers");
  }

  /**
   * The level rules' states moved to these scores and the events of those who came in.
   *
   * @param scope the customers whose states move (those scored and those who lost their score), or null for
   *     every customer: a whole run, whose top-percent levels come from its scores
   * @param emit false for the baseline run, which records states without events
   * @param trigger the payload's {@code trigger}, or null for none
   */
  private List<Pending> levelEvents(Handle h, long runId, Instant at, List<CustomerValue> scores, String currency,
      @Nullable Collection<String> scope, boolean emit, @Nullable String trigger) {
    List<Pending> pending = new ArrayList<>();
    if (rules.churnEnter() != null) {
      Map<String, Double> risk = new HashMap<>();
      scores.forEach(v -> risk.put(v.customerId(), 1.0 - v.probabilityAlive()));
      double enter = rules.churnEnter();
      double exit = rules.churnExit();
      Hysteresis.Next next = advance(h, CHURN, states(h, CHURN, scope), risk, enter, exit, runId, at);
      for (String id : emit ? next.entered() : List.<String>of()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("churnRisk", round(risk.get(id)));
        p.put("enterLevel", enter);
        p.put("exitLevel", exit);
        putTrigger(p, trigger);
        pending.add(new Pending(EventType.CHURN_RISK_ALERT, id, p));
      }
    }
    if (rules.valueEnterAmount() != null || rules.valueEnterTopPercent() != null) {
      Map<String, Double> value = new HashMap<>();
      scores.forEach(v -> {
        if (v.value() > 0) {
          value.put(v.customerId(), v.value());
        }
      });
      double enter;
      double exit;
      String rule;
      if (rules.valueEnterAmount() != null) {
        enter = rules.valueEnterAmount();
        exit = rules.valueExitAmount();
        rule = "value at least " + enter;
      } else {
        if (scope == null) {
          double[] sorted = value.values().stream().mapToDouble(Double::doubleValue).toArray();
          Arrays.sort(sorted);
          enter = Hysteresis.topPercentLevel(sorted, rules.valueEnterTopPercent());
          exit = Hysteresis.topPercentLevel(sorted, rules.valueExitTopPercent());
        } else {
          ValueLevels levels = valueLevels(h, runId);
          enter = levels.enter();
          exit = levels.exit();
        }
        rule = "top " + rules.valueEnterTopPercent() + "%";
      }
      Hysteresis.Next next = advance(h, VALUE, states(h, VALUE, scope), value, enter, exit, runId, at);
      for (String id : emit ? next.entered() : List.<String>of()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ltv", round(value.get(id)));
        p.put("currency", currency);
        p.put("threshold", round(enter));
        p.put("rule", rule);
        putTrigger(p, trigger);
        pending.add(new Pending(EventType.HIGH_VALUE_CUSTOMER, id, p));
      }
    }
    return pending;
  }

  private static void putTrigger(Map<String, Object> payload, @Nullable String trigger) {
    if (trigger != null) {
      payload.put("trigger", trigger);
    }
  }

  /** Who is in the rule's state now: everyone, or those of {@code scope}. */
  private Set<String> states(Handle h, String rule, @Nullable Collection<String> scope) {
    if (scope != null) {
      return statesAmong(h, rule, scope);
    }
    return new HashSet<>(h.createQuery(access.sql("SELECT customer_id FROM {event_states} WHERE rule = :rule"))
        .bind("rule", rule).mapTo(String.class).list());
  }

  /** Those of the customers who are in the rule's state now. */
  private Set<String> statesAmong(Handle h, String rule, Collection<String> customers) {
    Set<String> in = new HashSet<>();
    List<String> ids = new ArrayList<>(customers);
    for (int i = 0; i < ids.size(); i += 1_000) {
      in.addAll(h.createQuery(access.sql(
              "SELECT customer_id FROM {event_states} WHERE rule = :rule AND customer_id IN (<ids>)"))
          .bind("rule", rule)
          .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 1_000)))
          .mapTo(String.class)
          .list());
    }
    return in;
  }

  /** The top-percent rule's levels among the run's positive values, as {@link Hysteresis#topPercentLevel}. */
  private ValueLevels valueLevels(Handle h, long runId) {
    ValueLevels known = valueLevels;
    if (known != null && known.runId() == runId) {
      return known;
    }
    long n = h.createQuery(access.sql("SELECT COUNT(*) FROM {customer_scores} WHERE run_id = :run AND ltv > 0"))
        .bind("run", runId).mapTo(Long.class).one();
    ValueLevels levels = new ValueLevels(runId, rankLevel(h, runId, n, rules.valueEnterTopPercent()),
        rankLevel(h, runId, n, rules.valueExitTopPercent()));
    valueLevels = levels;
    return levels;
  }

  private double rankLevel(Handle h, long runId, long n, @Nullable Double percent) {
    if (n == 0 || percent == null) {
      return Double.POSITIVE_INFINITY;
    }
    long count = Math.max(1, Math.min(n, (long) Math.ceil(n * percent / 100.0)));
    return h.createQuery(access.sql("SELECT ltv FROM {customer_scores} WHERE run_id = :run AND ltv > 0"
            + " ORDER BY ltv DESC OFFSET " + (count - 1) + " ROWS FETCH NEXT 1 ROWS ONLY"))
        .bind("run", runId).mapTo(Double.class).one();
  }

  /**
   * Moves one rule's states to the new values and returns who entered: those who were in ({@code before}, all of
   * them or those of a re-scoring's customers) and the values of those scored now.
   */
  private Hysteresis.Next advance(Handle h, String rule, Set<String> before, Map<String, Double> values, double enter,
      double exit, long runId, Instant at) {
    Hysteresis.Next next = Hysteresis.next(before, values, enter, exit);
    List<String> left = before.stream().filter(id -> !next.in().contains(id)).sorted().toList();
    deleteStates(h, rule, left);
    OffsetDateTime since = at.atOffset(ZoneOffset.UTC);
    RowInserter.insert(h.getConnection(), access.table("event_states"), "rule, customer_id, since, run_id", 4,
        next.entered(), (ps, p, id) -> {
          ps.setString(p, rule);
          ps.setString(p + 1, id);
          ps.setObject(p + 2, since);
          ps.setLong(p + 3, runId);
        }, "the " + rule + " event states");
    return next;
  }

  /** Deletes the states of customers who left, in statements of up to 1,000 ids. */
  private void deleteStates(Handle h, String rule, List<String> left) {
    for (int i = 0; i < left.size(); i += 1_000) {
      List<String> chunk = left.subList(i, Math.min(left.size(), i + 1_000));
      var update = h.createUpdate(access.sql("DELETE FROM {event_states} WHERE rule = :rule AND customer_id IN (<ids>)"))
          .bind("rule", rule)
          .bindList("ids", chunk);
      update.execute();
    }
  }

  private void insert(Handle h, long firstId, long runId, Instant at, List<Pending> pending, String what) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    long[] next = {firstId};
    RowInserter.insert(h.getConnection(), access.table("events"),
        "event_id, event_type, customer_id, occurred_at, run_id, payload", 6, pending, (ps, p, e) -> {
          ps.setLong(p, next[0]++);
          ps.setString(p + 1, e.type().wireName());
          ps.setString(p + 2, e.customerId());
          ps.setObject(p + 3, when);
          ps.setLong(p + 4, runId);
          ps.setString(p + 5, json(e.payload()));
        }, what);
  }

  private static String json(Map<String, Object> payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write an event's payload", e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
