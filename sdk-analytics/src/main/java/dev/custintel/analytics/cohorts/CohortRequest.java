package dev.custintel.analytics.cohorts;

import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a cohort table covers. Filters combine with AND.
 *
 * <pre>{@code
 * CohortTable t = ci.cohorts().retention(CohortRequest.builder()
 *     .period(CohortPeriod.MONTH).from(LocalDate.of(1997, 1, 1)).to(LocalDate.of(1997, 3, 31)).build());
 * }</pre>
 *
 * @param period the period of cohorts, and of k unless {@code rollingDays} is set
 * @param zone the zone whose calendar the periods follow. A period begins at the first instant of its first local
 *     day. Where a zone's clocks go back across midnight from after it (since 1970 only Newfoundland's, on
 *     1 November 2009), the repeated old-day times after the new period began belong to the new period on
 *     PostgreSQL and, by their local date, to the old one on H2
 * @param from the earliest cohort: the one whose period holds this day; null for the first
 * @param to the latest cohort: the one whose period holds this day; null for the last
 * @param currency only purchases and returns in this currency count, and a cohort is the period of the first
 *     purchase in it; null when the shop has one currency (required when it has several)
 * @param firstProduct only customers whose first purchase holds this product; null for no filter
 * @param firstCategory only customers whose first purchase holds a product of this category; null for no filter
 * @param country only customers of this country (as stored, case-sensitive); null for no filter
 * @param rollingDays when set, period k holds the orders placed between {@code k·N} and {@code (k+1)·N} days after
 *     the customer's first purchase, instead of the k-th calendar period after the cohort's; 1 to 3,660
 * @param minimumCohortSize insights leave out cohorts with fewer customers, and name them as too small to judge
 * @param insightPeriod the period index whose retention the insights compare across cohorts (k = 3 by default)
 */
public record CohortRequest(
    CohortPeriod period,
    ZoneId zone,
    @Nullable LocalDate from,
    @Nullable LocalDate to,
    @Nullable Currency currency,
    @Nullable String firstProduct,
    @Nullable String firstCategory,
    @Nullable String country,
    @Nullable Integer rollingDays,
    int minimumCohortSize,
    int insightPeriod) {

  /** The largest block of {@code rollingDays}. */
  public static final int MAX_ROLLING_DAYS = 3_660;

  /** Validates the request. */
  public CohortRequest {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(zone, "zone");
    if (from != null && to != null && from.isAfter(to)) {
      throw InvalidInputException.argument("from", "must not be after to (" + from + " > " + to + ")");
    }
    if (rollingDays != null && (rollingDays < 1 || rollingDays > MAX_ROLLING_DAYS)) {
      throw InvalidInputException.argument("rollingDays",
          "must be between 1 and " + MAX_ROLLING_DAYS + " (was " + rollingDays + ")");
    }
    if (minimumCohortSize < 1) {
      throw InvalidInputException.argument("minimumCohortSize", "must be at least 1 (was " + minimumCohortSize + ")");
    }
    if (insightPeriod < 1) {
      throw InvalidInputException.argument("insightPeriod", "must be at least 1 (was " + insightPeriod + ")");
    }
    firstProduct = blankToNull(firstProduct, "firstProduct");
    firstCategory = blankToNull(firstCategory, "firstCategory");
    country = blankToNull(country, "country");
  }

  private static @Nullable String blankToNull(@Nullable String value, String field) {
    if (value != null && value.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank (leave it out for no filter)");
    }
    return value;
  }

  /** @return monthly cohorts over all time, in UTC, in the shop's one currency */
  public static CohortRequest monthly() {
    return builder().build();
  }

  /**
   * @param from the first cohort's month holds this day
   * @param to the last cohort's month holds this day
   * @return monthly cohorts in that range, in UTC
   */
  public static CohortRequest monthly(LocalDate from, LocalDate to) {
    return builder().from(from).to(to).build();
  }

  /** @return a builder: monthly, UTC, all cohorts, minimum cohort size 30, insights on k = 3 */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CohortRequest}. */
  public static final class Builder {
    private CohortPeriod period = CohortPeriod.MONTH;
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable LocalDate from;
    private @Nullable LocalDate to;
    private @Nullable Currency currency;
    private @Nullable String firstProduct;
    private @Nullable String firstCategory;
    private @Nullable String country;
    private @Nullable Integer rollingDays;
    private int minimumCohortSize = 30;
    private int insightPeriod = 3;

    private Builder() {}

    /** @param value week, month or quarter @return this */
    public Builder period(CohortPeriod value) {
      this.period = Objects.requireNonNull(value, "period");
      return this;
    }

    /** @param value the zone of the calendar @return this */
    public Builder zone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /** @param value the first cohort's period holds this day; null for the first @return this */
    public Builder from(@Nullable LocalDate value) {
      this.from = value;
      return this;
    }

    /** @param value the last cohort's period holds this day; null for the last @return this */
    public Builder to(@Nullable LocalDate value) {
      this.to = value;
      return this;
    }

    /** @param value the currency; null for the shop's one currency @return this */
    public Builder currency(@Nullable Currency value) {
      this.currency = value;
      return this;
    }

    /** @param value a product id the first purchase must hold; null for no filter @return this */
    public Builder firstProduct(@Nullable String value) {
      this.firstProduct = value;
      return this;
    }

    /** @param value a category the first purchase must hold a product of; null for no filter @return this */
    public Builder firstCategory(@Nullable String value) {
      this.firstCategory = value;
      return this;
    }

    /** @param value the customers' country; null for no filter @return this */
    public Builder country(@Nullable String value) {
      this.country = value;
      return this;
    }

    /** @param value blocks of this many days since the first purchase; null for calendar periods @return this */
    public Builder rollingDays(@Nullable Integer value) {
      this.rollingDays = value;
      return this;
    }

    /** @param value the smallest cohort insights judge @return this */
    public Builder minimumCohortSize(int value) {
      this.minimumCohortSize = value;
      return this;
    }

    /** @param value the period index whose retention insights compare @return this */
    public Builder insightPeriod(int value) {
      this.insightPeriod = value;
      return this;
    }

    /** @return the request @throws InvalidInputException naming the field at fault */
    public CohortRequest build() {
      return new CohortRequest(period, zone, from, to, currency, firstProduct, firstCategory, country, rollingDays,
          minimumCohortSize, insightPeriod);
    }
  }
}
