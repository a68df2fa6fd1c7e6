package dev.custintel.spring.internal.dashboard;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.activity.ShopActivity;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.model.Money;
import dev.custintel.spring.internal.web.CustintelJacksonModule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard's JSON messages. A snapshot:
 *
 * <pre>{@code
 * {"at":"2026-12-06T16:40:05.120Z","zone":"UTC","day":"2026-12-06","activeCustomers30d":1843,"ordersToday":57,
 *  "revenueToday":{"EUR":"3120.50","USD":"98.00"},"highRiskCustomers":412,
 *  "newestChurnAlerts":[{"id":90211,"customerId":"C-00000042","occurredAt":"2026-12-06T03:00:12.004Z",
 *                        "churnRisk":0.8123,"runId":17}]}
 * }</pre>
 *
 * <p>and, when the figures cannot be computed, {@code {"at":..,"error":..}} with a fixed sentence (no exception
 * text, which could name a statement or a server). Every value is written here as a string, number or null, so
 * the application's mapper settings (dates as timestamps, naming strategies) cannot change the format.
 */
public final class DashboardMessages {
  /** How many of the newest churn alerts a snapshot lists. */
  public static final int ALERTS = 10;

  private final CustomerIntelligence ci;
  private final ObjectMapper json;
  private final ZoneId zone;
  private final String errorText;

  /**
   * @param ci the facade
   * @param json the mapper that writes the messages
   * @param zone the zone of "today"
   * @param interval how often the figures are tried again, for the error message
   */
  public DashboardMessages(CustomerIntelligence ci, ObjectMapper json, ZoneId zone, Duration interval) {
    this.ci = Objects.requireNonNull(ci, "ci");
    this.json = Objects.requireNonNull(json, "json");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.errorText = "The dashboard's figures could not be computed (is the database available?); they are tried"
        + " again every " + interval.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ".";
  }

  /**
   * Reads the figures and the newest churn alerts and writes them as one message.
   *
   * @return the message's text
   * @throws RuntimeException when the database cannot be read
   */
  public String snapshot() {
    ShopActivity a = ci.activity().now(zone);
    List<CustomerEvent> alerts = ci.events().newest(Set.of(EventType.CHURN_RISK_ALERT), ALERTS);
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("at", a.at().toString());
    m.put("zone", a.zone().getId());
    m.put("day", a.day().toString());
    m.put("activeCustomers30d", a.activeCustomers());
    m.put("ordersToday", a.ordersToday());
    Map<String, String> revenue = new LinkedHashMap<>();
    for (Money money : a.revenueToday()) {
      revenue.put(money.currency().getCurrencyCode(), CustintelJacksonModule.amount(money.amount(), money.currency()));
    }
    m.put("revenueToday", revenue);
    m.put("highRiskCustomers", a.highRiskCustomers());
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (CustomerEvent e : alerts) {
      Map<String, @Nullable Object> alert = new LinkedHashMap<>();
      alert.put("id", e.id());
      alert.put("customerId", e.customerId());
      alert.put("occurredAt", e.occurredAt().toString());
      alert.put("churnRisk", e.payload().get("churnRisk"));
      alert.put("runId", e.runId());
      list.add(alert);
    }
    m.put("newestChurnAlerts", list);
    return json.writeValueAsString(m);
  }

  /**
   * @param at when the computation failed
   * @return the message that says so, without the failure's details
   */
  public String error(Instant at) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("error", errorText);
    return json.writeValueAsString(m);
  }
}
