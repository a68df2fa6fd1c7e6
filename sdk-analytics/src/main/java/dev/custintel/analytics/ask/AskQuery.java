package dev.custintel.analytics.ask;

import static dev.custintel.analytics.ask.Intent.BOUGHT_TOGETHER;
import static dev.custintel.analytics.ask.Intent.CROSS_SELL;
import static dev.custintel.analytics.ask.Intent.CUSTOMER_CHURN_RISK;
import static dev.custintel.analytics.ask.Intent.CUSTOMER_COUNT;
import static dev.custintel.analytics.ask.Intent.CUSTOMER_LTV;
import static dev.custintel.analytics.ask.Intent.CUSTOMER_NEXT_BEST_ACTION;
import static dev.custintel.analytics.ask.Intent.CUSTOMER_PROFILE;
import static dev.custintel.analytics.ask.Intent.SEGMENT_MEMBERS;

import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.DateRange;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A question compiled: the intent and the fields it takes. Only the fields the intent takes may be set (see {@link
 * #fields(Intent)}); {@link #withDefaults()} fills the others it takes with their defaults. The same shape comes from
 * the parser, from a {@link QueryTranslator} and over the wire.
 *
 * @param intent what is asked
 * @param limit how many rows, 1 to {@link #MAX_LIMIT}
 * @param period the period, half-open, UTC; null for all time
 * @param periodWords the period as the question named it ("last month"), for the answer; not part of the meaning
 * @param days customers whose last purchase is at least this many days ago, 1 to 36,500
 * @param segment an RFM segment of the active run's preset, such as {@code at_risk}
 * @param country a customer country as stored
 * @param minChurnRisk the least churn risk, 0 to 1
 * @param customerId one customer
 * @param product one product's id
 * @param horizon forecast periods ahead, 1 to 520
 * @param horizonUnit the forecast's period
 * @param state for {@link Intent#CUSTOMER_COUNT}: which customers
 */
public record AskQuery(
    Intent intent,
    @Nullable Integer limit,
    @Nullable DateRange period,
    @Nullable String periodWords,
    @Nullable Integer days,
    @Nullable String segment,
    @Nullable String country,
    @Nullable Double minChurnRisk,
    @Nullable String customerId,
    @Nullable String product,
    @Nullable Integer horizon,
    @Nullable ForecastPeriodUnit horizonUnit,
    @Nullable CustomerState state) {

  /** The most rows an answer lists. */
  public static final int MAX_LIMIT = 100;
  /** The least churn risk of "high churn risk" when none is named: {@code RiskLevel.HIGH}. */
  public static final double HIGH_RISK = 0.8;

  /** A field of a query, by its name on the wire. */
  public enum Field {
    /** {@link #limit()}. */
    LIMIT("limit"),
    /** {@link #period()}. */
    PERIOD("period"),
    /** {@link #days()}. */
    DAYS("days"),
    /** {@link #segment()}. */
    SEGMENT("segment"),
    /** {@link #country()}. */
    COUNTRY("country"),
    /** {@link #minChurnRisk()}. */
    MIN_CHURN_RISK("minChurnRisk"),
    /** {@link #customerId()}. */
    CUSTOMER_ID("customerId"),
    /** {@link #product()}. */
    PRODUCT("product"),
    /** {@link #horizon()}. */
    HORIZON("horizon"),
    /** {@link #horizonUnit()}. */
    HORIZON_UNIT("horizonUnit"),
    /** {@link #state()}. */
    STATE("state");

    private final String wireName;

    Field(String wireName) {
      this.wireName = wireName;
    }

    /** @return the name on the wire, such as {@code minChurnRisk} */
    public String wireName() {
      return wireName;
    }
  }

  private static final Map<Intent, Set<Field>> FIELDS = fieldsByIntent();

  /** Validates the query: ranges, required fields, and no field the intent does not take. */
  public AskQuery {
    Objects.requireNonNull(intent, "intent");
    Set<Field> takes = takes(intent);
    check(takes, Field.LIMIT, limit != null);
    check(takes, Field.PERIOD, period != null);
    check(takes, Field.DAYS, days != null);
    check(takes, Field.SEGMENT, segment != null);
    check(takes, Field.COUNTRY, country != null);
    check(takes, Field.MIN_CHURN_RISK, minChurnRisk != null);
    check(takes, Field.CUSTOMER_ID, customerId != null);
    check(takes, Field.PRODUCT, product != null);
    check(takes, Field.HORIZON, horizon != null);
    check(takes, Field.HORIZON_UNIT, horizonUnit != null);
    check(takes, Field.STATE, state != null);
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
    if (days != null && (days < 1 || days > 36_500)) {
      throw InvalidInputException.argument("days", "must be between 1 and 36500 (was " + days + ")");
    }
    if (minChurnRisk != null && !(minChurnRisk >= 0 && minChurnRisk <= 1)) {
      throw InvalidInputException.argument("minChurnRisk", "must be between 0 and 1 (was " + minChurnRisk + ")");
    }
    if (horizon != null && (horizon < 1 || horizon > 520)) {
      throw InvalidInputException.argument("horizon", "must be between 1 and 520 (was " + horizon + ")");
    }
    if (days != null && intent == CUSTOMER_COUNT && state != CustomerState.INACTIVE) {
      throw InvalidInputException.argument("days", "applies to customer_count only with the state inactive");
    }
    segment = blankToNull("segment", segment);
    country = blankToNull("country", country);
    customerId = blankToNull("customerId", customerId);
    product = blankToNull("product", product);
    periodWords = periodWords == null || periodWords.isBlank() ? null : periodWords;
    if (customerId == null && (intent == CUSTOMER_PROFILE || intent == CUSTOMER_CHURN_RISK
        || intent == CUSTOMER_LTV || intent == CUSTOMER_NEXT_BEST_ACTION || intent == CROSS_SELL)) {
      throw InvalidInputException.argument("customerId", "is required for " + intent.wireName());
    }
    if (product == null && intent == BOUGHT_TOGETHER) {
      throw InvalidInputException.argument("product", "is required for " + intent.wireName());
    }
    if (segment == null && intent == SEGMENT_MEMBERS) {
      throw InvalidInputException.argument("segment", "is required for " + intent.wireName());
    }
  }

  /**
   * @param intent an intent
   * @return a builder of a query of that intent, no field set
   */
  public static Builder builder(Intent intent) {
    return new Builder(intent);
  }

  /**
   * @param intent an intent
   * @return the fields it takes
   */
  public static Set<Field> fields(Intent intent) {
    return takes(Objects.requireNonNull(intent, "intent"));
  }

  /**
   * @return this query with every field the intent takes and that is not set given its default: limit 10 (5 for
   *     {@code bought_together} and {@code cross_sell}), days 90 (inactive customers and the inactive count), the
   *     least churn risk 0.8, a horizon of 3 months, the state {@code all}; the period stays unset (all time)
   */
  public AskQuery withDefaults() {
    Set<Field> takes = takes(intent);
    Builder b = toBuilder();
    if (takes.contains(Field.LIMIT) && limit == null) {
      b.limit(intent == BOUGHT_TOGETHER || intent == CROSS_SELL ? 5 : 10);
    }
    if (takes.contains(Field.STATE) && state == null) {
      b.state(CustomerState.ALL);
    }
    CustomerState s = b.state;
    if (takes.contains(Field.DAYS) && days == null && (intent != CUSTOMER_COUNT || s == CustomerState.INACTIVE)) {
      b.days(90);
    }
    if (takes.contains(Field.MIN_CHURN_RISK) && minChurnRisk == null) {
      b.minChurnRisk(HIGH_RISK);
    }
    if (takes.contains(Field.HORIZON) && horizon == null) {
      b.horizon(3);
    }
    if (takes.contains(Field.HORIZON_UNIT) && horizonUnit == null) {
      b.horizonUnit(ForecastPeriodUnit.MONTH);
    }
    return b.build();
  }

  /**
   * A typed query from its JSON shape, as answers show it and as a translator or a client sends it: {@code
   * {"intent":"top_customers_by_spend","limit":10,"period":{"from":"2026-12-01T00:00:00Z","to":"…"}}}. Fields that are
   * absent or null stay unset; {@code periodWords} is read but optional.
   *
   * @param json the object, as a JSON library reads it into maps, lists, strings, numbers and booleans
   * @param prefix put before field names in errors, such as {@code "query."}; empty for none
   * @return the query, validated
   * @throws InvalidInputException naming the field when it is unknown, of the wrong type or out of range
   */
  public static AskQuery fromMap(Map<String, ?> json, String prefix) {
    for (String name : json.keySet()) {
      if (!JSON_FIELDS.contains(name)) {
        throw InvalidInputException.argument(prefix + name, "is not a field of a typed query");
      }
    }
    String intent = text(json, "intent", prefix);
    if (intent == null) {
      throw InvalidInputException.argument(prefix + "intent", "is required");
    }
    Builder b = builder(Intent.fromWire(intent));
    b.limit(whole(json, "limit", prefix));
    Object period = json.get("period");
    if (period != null) {
      if (!(period instanceof Map<?, ?> p)) {
        throw InvalidInputException.argument(prefix + "period", "must be an object with from and to");
      }
      b.period(new DateRange(instant(p.get("from"), prefix + "period.from"), instant(p.get("to"),
          prefix + "period.to")), text(json, "periodWords", prefix));
    }
    b.days(whole(json, "days", prefix));
    b.segment(text(json, "segment", prefix));
    b.country(text(json, "country", prefix));
    Object risk = json.get("minChurnRisk");
    if (risk != null) {
      if (!(risk instanceof Number n)) {
        throw InvalidInputException.argument(prefix + "minChurnRisk", "must be a number from 0 to 1");
      }
      b.minChurnRisk(n.doubleValue());
    }
    b.customerId(text(json, "customerId", prefix));
    b.product(text(json, "product", prefix));
    b.horizon(whole(json, "horizon", prefix));
    String unit = text(json, "horizonUnit", prefix);
    if (unit != null) {
      b.horizonUnit(switch (unit) {
        case "week" -> ForecastPeriodUnit.WEEK;
        case "month" -> ForecastPeriodUnit.MONTH;
        default -> throw InvalidInputException.argument(prefix + "horizonUnit", "must be week or month (was '"
            + unit + "')");
      });
    }
    String st = text(json, "state", prefix);
    if (st != null) {
      b.state(CustomerState.fromWire(st));
    }
    return b.build();
  }

  private static final Set<String> JSON_FIELDS = Set.of("intent", "limit", "period", "periodWords", "days",
      "segment", "country", "minChurnRisk", "customerId", "product", "horizon", "horizonUnit", "state");

  private static @Nullable String text(Map<String, ?> json, String field, String prefix) {
    Object v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw InvalidInputException.argument(prefix + field, "must be a string");
    }
    return s;
  }

  private static @Nullable Integer whole(Map<String, ?> json, String field, String prefix) {
    Object v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw InvalidInputException.argument(prefix + field, "must be a whole number");
    }
    return n.intValue();
  }

  private static java.time.Instant instant(@Nullable Object v, String field) {
    if (!(v instanceof String s)) {
      throw InvalidInputException.argument(field, "is required: an ISO-8601 instant");
    }
    try {
      return java.time.Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw InvalidInputException.argument(field, "is not an ISO-8601 instant (was '" + s + "')");
    }
  }

  /**
   * The query in its JSON shape, the one {@link #fromMap} reads: the intent's wire name and only the fields that are
   * set, the period as {@code {"from": "<ISO instant>", "to": "<ISO instant>"}}, the horizon's unit as {@code week}
   * or {@code month}, the state as its wire name.
   *
   * @return a new ordered map of strings, numbers and, for the period, a map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("intent", intent.wireName());
    putIfSet(m, "limit", limit);
    if (period != null) {
      Map<String, Object> p = new java.util.LinkedHashMap<>();
      p.put("from", period.from().toString());
      p.put("to", period.to().toString());
      m.put("period", p);
    }
    putIfSet(m, "periodWords", periodWords);
    putIfSet(m, "days", days);
    putIfSet(m, "segment", segment);
    putIfSet(m, "country", country);
    putIfSet(m, "minChurnRisk", minChurnRisk);
    putIfSet(m, "customerId", customerId);
    putIfSet(m, "product", product);
    putIfSet(m, "horizon", horizon);
    putIfSet(m, "horizonUnit", horizonUnit == null ? null : horizonUnit.name().toLowerCase(java.util.Locale.ROOT));
    putIfSet(m, "state", state == null ? null : state.wireName());
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String field, @Nullable Object value) {
    if (value != null) {
      m.put(field, value);
    }
  }

  /** @return a builder holding this query's fields */
  public Builder toBuilder() {
    Builder b = new Builder(intent);
    b.limit = limit;
    b.period = period;
    b.periodWords = periodWords;
    b.days = days;
    b.segment = segment;
    b.country = country;
    b.minChurnRisk = minChurnRisk;
    b.customerId = customerId;
    b.product = product;
    b.horizon = horizon;
    b.horizonUnit = horizonUnit;
    b.state = state;
    return b;
  }

  private static Set<Field> takes(Intent intent) {
    return Objects.requireNonNull(FIELDS.get(intent), "fields of the intent");
  }

  private static void check(Set<Field> takes, Field field, boolean set) {
    if (set && !takes.contains(field)) {
      throw InvalidInputException.argument(field.wireName(), "does not apply to this intent");
    }
  }

  private static @Nullable String blankToNull(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank");
    }
    if (value.length() > 200) {
      throw InvalidInputException.argument(field, "must be at most 200 characters (was " + value.length() + ")");
    }
    return value.strip();
  }

  private static Map<Intent, Set<Field>> fieldsByIntent() {
    Map<Intent, Set<Field>> m = new EnumMap<>(Intent.class);
    Set<Field> none = EnumSet.noneOf(Field.class);
    m.put(Intent.TOP_CUSTOMERS_BY_SPEND, EnumSet.of(Field.LIMIT, Field.PERIOD, Field.COUNTRY));
    m.put(Intent.TOP_CUSTOMERS_BY_ORDERS, EnumSet.of(Field.LIMIT, Field.PERIOD, Field.COUNTRY));
    m.put(Intent.TOP_CUSTOMERS_BY_LTV, EnumSet.of(Field.LIMIT));
    m.put(Intent.TOP_CUSTOMERS_BY_VALUE_AT_RISK, EnumSet.of(Field.LIMIT));
    m.put(Intent.INACTIVE_CUSTOMERS, EnumSet.of(Field.DAYS, Field.LIMIT, Field.COUNTRY));
    m.put(Intent.HIGH_CHURN_RISK, EnumSet.of(Field.LIMIT, Field.MIN_CHURN_RISK, Field.SEGMENT, Field.COUNTRY));
    m.put(Intent.SEGMENT_MEMBERS, EnumSet.of(Field.SEGMENT, Field.LIMIT));
    m.put(Intent.SEGMENT_SIZES, none);
    m.put(Intent.CUSTOMER_PROFILE, EnumSet.of(Field.CUSTOMER_ID));
    m.put(Intent.CUSTOMER_CHURN_RISK, EnumSet.of(Field.CUSTOMER_ID));
    m.put(Intent.CUSTOMER_LTV, EnumSet.of(Field.CUSTOMER_ID));
    m.put(Intent.CUSTOMER_NEXT_BEST_ACTION, EnumSet.of(Field.CUSTOMER_ID));
    m.put(Intent.COHORT_RETENTION, EnumSet.of(Field.PERIOD));
    m.put(Intent.BOUGHT_TOGETHER, EnumSet.of(Field.PRODUCT, Field.LIMIT));
    m.put(Intent.CROSS_SELL, EnumSet.of(Field.CUSTOMER_ID, Field.LIMIT));
    m.put(Intent.REVENUE_FORECAST, EnumSet.of(Field.HORIZON, Field.HORIZON_UNIT));
    m.put(Intent.ORDER_FORECAST, EnumSet.of(Field.HORIZON, Field.HORIZON_UNIT));
    m.put(Intent.REVENUE, EnumSet.of(Field.PERIOD));
    m.put(Intent.ORDER_COUNT, EnumSet.of(Field.PERIOD));
    m.put(Intent.NEW_VS_RETURNING, EnumSet.of(Field.PERIOD));
    m.put(Intent.CUSTOMER_COUNT, EnumSet.of(Field.STATE, Field.DAYS));
    m.put(Intent.CHURN_SUMMARY, none);
    m.put(Intent.TODAY, none);
    m.put(Intent.TOP_PRODUCTS, EnumSet.of(Field.LIMIT, Field.PERIOD));
    for (Map.Entry<Intent, Set<Field>> e : m.entrySet()) {
      e.setValue(Set.copyOf(e.getValue()));
    }
    return Map.copyOf(m);
  }

  /** Builds a query; {@link #build()} validates it. */
  public static final class Builder {
    private final Intent intent;
    private @Nullable Integer limit;
    private @Nullable DateRange period;
    private @Nullable String periodWords;
    private @Nullable Integer days;
    private @Nullable String segment;
    private @Nullable String country;
    private @Nullable Double minChurnRisk;
    private @Nullable String customerId;
    private @Nullable String product;
    private @Nullable Integer horizon;
    private @Nullable ForecastPeriodUnit horizonUnit;
    private @Nullable CustomerState state;

    private Builder(Intent intent) {
      this.intent = Objects.requireNonNull(intent, "intent");
    }

    /** @param value how many rows @return this builder */
    public Builder limit(@Nullable Integer value) {
      this.limit = value;
      return this;
    }

    /**
     * @param value the period, or null for all time
     * @param words the period in words, or null
     * @return this builder
     */
    public Builder period(@Nullable DateRange value, @Nullable String words) {
      this.period = value;
      this.periodWords = value == null ? null : words;
      return this;
    }

    /** @param value the least number of days since the last purchase @return this builder */
    public Builder days(@Nullable Integer value) {
      this.days = value;
      return this;
    }

    /** @param value a segment name @return this builder */
    public Builder segment(@Nullable String value) {
      this.segment = value;
      return this;
    }

    /** @param value a country @return this builder */
    public Builder country(@Nullable String value) {
      this.country = value;
      return this;
    }

    /** @param value the least churn risk @return this builder */
    public Builder minChurnRisk(@Nullable Double value) {
      this.minChurnRisk = value;
      return this;
    }

    /** @param value a customer id @return this builder */
    public Builder customerId(@Nullable String value) {
      this.customerId = value;
      return this;
    }

    /** @param value a product id @return this builder */
    public Builder product(@Nullable String value) {
      this.product = value;
      return this;
    }

    /** @param value forecast periods ahead @return this builder */
    public Builder horizon(@Nullable Integer value) {
      this.horizon = value;
      return this;
    }

    /** @param value the forecast's period @return this builder */
    public Builder horizonUnit(@Nullable ForecastPeriodUnit value) {
      this.horizonUnit = value;
      return this;
    }

    /** @param value which customers to count @return this builder */
    public Builder state(@Nullable CustomerState value) {
      this.state = value;
      return this;
    }

    /**
     * @return the query
     * @throws InvalidInputException naming the field when a value is out of range, missing or does not apply
     */
    public AskQuery build() {
      return new AskQuery(intent, limit, period, periodWords, days, segment, country, minChurnRisk, customerId,
          product, horizon, horizonUnit, state);
    }
  }
}
