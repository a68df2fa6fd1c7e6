package dev.custintel.analytics.internal.ask;

import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.analytics.ask.CustomerState;
import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.core.customer.DateRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** A typed query in words, so that the asker sees what was understood. Not API. */
final class Describe {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Describe() {}

  /** @return the query in words, such as "top 10 customers by net spend in December 2026 (2026-12-01 to 2026-12-31)" */
  static String query(AskQuery q) {
    int limit = Objects.requireNonNullElse(q.limit(), 10);
    String country = q.country() == null ? "" : " in " + q.country();
    String period = periodPhrase(q);
    return switch (q.intent()) {
      case TOP_CUSTOMERS_BY_SPEND -> "top " + limit + " customers by net spend" + country + period;
      case TOP_CUSTOMERS_BY_ORDERS -> "top " + limit + " customers by number of orders" + country + period;
      case TOP_CUSTOMERS_BY_LTV -> "top " + limit + " customers by predicted lifetime value";
      case TOP_CUSTOMERS_BY_VALUE_AT_RISK -> "top " + limit + " customers by value at risk";
      case INACTIVE_CUSTOMERS -> limit + " customers" + country + " with no purchase for at least " + q.days()
          + " days, biggest spenders first";
      case HIGH_CHURN_RISK -> limit + " customers" + (q.segment() == null ? "" : " of segment " + q.segment())
          + country + " with a churn risk of " + percent(q.minChurnRisk()) + " or more, by value at risk";
      case SEGMENT_MEMBERS -> limit + " customers of segment " + q.segment();
      case SEGMENT_SIZES -> "the number of customers in each segment";
      case CUSTOMER_PROFILE -> "the profile of customer " + q.customerId();
      case CUSTOMER_CHURN_RISK -> "the churn risk of customer " + q.customerId();
      case CUSTOMER_LTV -> "the predicted lifetime value of customer " + q.customerId();
      case CUSTOMER_NEXT_BEST_ACTION -> "the next best action for customer " + q.customerId();
      case COHORT_RETENTION -> "monthly cohort retention" + (q.period() == null ? "" : " of the customers who first"
          + " bought" + period);
      case BOUGHT_TOGETHER -> "up to " + limit(q, 5) + " products bought together with " + q.product();
      case CROSS_SELL -> "up to " + limit(q, 5) + " products to offer customer " + q.customerId();
      case REVENUE_FORECAST -> "the revenue forecast for the next " + horizon(q);
      case ORDER_FORECAST -> "the order forecast for the next " + horizon(q);
      case REVENUE -> "revenue" + (period.isEmpty() ? " of all time" : period);
      case ORDER_COUNT -> "the number of orders" + (period.isEmpty() ? " of all time" : period);
      case NEW_VS_RETURNING -> "new versus returning customers" + (period.isEmpty() ? " of all time" : period);
      case CUSTOMER_COUNT -> switch (Objects.requireNonNullElse(q.state(), CustomerState.ALL)) {
        case ACTIVE -> "the number of customers who bought in the last 30 days";
        case INACTIVE -> "the number of customers with no purchase for at least " + q.days() + " days";
        case HIGH_RISK -> "the number of customers at high churn risk";
        default -> "the number of customers";
      };
      case CHURN_SUMMARY -> "the churn overview: customers per risk level and value at risk";
      case TODAY -> "today's orders, revenue and active customers";
      case TOP_PRODUCTS -> "top " + limit + " products by number of orders" + period;
    };
  }

  /** @return " in December 2026 (2026-12-01 to 2026-12-31)", or "" for all time */
  static String periodPhrase(AskQuery q) {
    DateRange p = q.period();
    if (p == null) {
      return "";
    }
    String span = span(p);
    String words = q.periodWords();
    if (words == null) {
      return " from " + span;
    }
    String lead = words.startsWith("since ") || words.startsWith("the ") || words.startsWith("this ")
        || words.startsWith("last ") || words.endsWith("to date") || words.startsWith("today")
        || words.startsWith("yesterday") ? " " + (words.startsWith("the ") ? "in " : "") : " in ";
    return lead + words + " (" + span + ")";
  }

  private static String span(DateRange p) {
    boolean days = atMidnight(p.from()) && atMidnight(p.to());
    if (days) {
      String from = p.from().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      String to = p.to().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
      return from.equals(to) ? from : from + " to " + to;
    }
    return MINUTE.format(p.from()) + " to " + MINUTE.format(p.to());
  }

  private static boolean atMidnight(Instant i) {
    return i.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
  }

  private static int limit(AskQuery q, int otherwise) {
    return Objects.requireNonNullElse(q.limit(), otherwise);
  }

  private static String horizon(AskQuery q) {
    int n = Objects.requireNonNullElse(q.horizon(), 3);
    String unit = Objects.requireNonNullElse(q.horizonUnit(), ForecastPeriodUnit.MONTH) == ForecastPeriodUnit.WEEK
        ? "week" : "month";
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String percent(@org.jspecify.annotations.Nullable Double share) {
    if (share == null) {
      return "80%";
    }
    return BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }
}
