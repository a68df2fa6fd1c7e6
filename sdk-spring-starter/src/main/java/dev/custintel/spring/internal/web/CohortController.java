package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cohort retention, as JSON or, with {@code Accept: text/csv}, as CSV. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/cohorts")
@Tag(name = "cohorts", description = "Cohort retention by first-purchase period")
public final class CohortController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public CohortController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /** @return the cohort table, with insights */
  @GetMapping(produces = "application/json")
  @Operation(summary = "Cohorts by first-purchase week, month or quarter: \"on\" and \"on or after\" retention, "
      + "orders, revenue and cumulative revenue per customer for k = 0, 1, ... up to the data's end, with insights")
  public CohortTable cohorts(
      @RequestParam(name = "period", defaultValue = "month") String period,
      @RequestParam(name = "from", required = false) @Nullable LocalDate from,
      @RequestParam(name = "to", required = false) @Nullable LocalDate to,
      @RequestParam(name = "currency", required = false) @Nullable String currency,
      @RequestParam(name = "zone", defaultValue = "UTC") String zone,
      @RequestParam(name = "rollingDays", required = false) @Nullable Integer rollingDays,
      @RequestParam(name = "firstProduct", required = false) @Nullable String firstProduct,
      @RequestParam(name = "firstCategory", required = false) @Nullable String firstCategory,
      @RequestParam(name = "country", required = false) @Nullable String country,
      @RequestParam(name = "minCohortSize", defaultValue = "30") int minCohortSize) {
    return ci.cohorts().retention(request(period, from, to, currency, zone, rollingDays, firstProduct,
        firstCategory, country, minCohortSize));
  }

  /** @return the cohort table as CSV, one row per (cohort, k) */
  @GetMapping(produces = "text/csv")
  @Operation(summary = "The cohort table as CSV: one row per (cohort, k)")
  public String cohortsCsv(
      @RequestParam(name = "period", defaultValue = "month") String period,
      @RequestParam(name = "from", required = false) @Nullable LocalDate from,
      @RequestParam(name = "to", required = false) @Nullable LocalDate to,
      @RequestParam(name = "currency", required = false) @Nullable String currency,
      @RequestParam(name = "zone", defaultValue = "UTC") String zone,
      @RequestParam(name = "rollingDays", required = false) @Nullable Integer rollingDays,
      @RequestParam(name = "firstProduct", required = false) @Nullable String firstProduct,
      @RequestParam(name = "firstCategory", required = false) @Nullable String firstCategory,
      @RequestParam(name = "country", required = false) @Nullable String country,
      @RequestParam(name = "minCohortSize", defaultValue = "30") int minCohortSize) {
    return ci.cohorts().retention(request(period, from, to, currency, zone, rollingDays, firstProduct,
        firstCategory, country, minCohortSize)).toCsv();
  }

  private static CohortRequest request(String period, @Nullable LocalDate from, @Nullable LocalDate to,
      @Nullable String currency, String zone, @Nullable Integer rollingDays, @Nullable String firstProduct,
      @Nullable String firstCategory, @Nullable String country, int minCohortSize) {
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw InvalidInputException.argument("zone",
          "is not a time zone (use a region such as Europe/Paris, or an offset such as +02:00; was '" + zone + "')");
    }
    return CohortRequest.builder()
        .period(CohortPeriod.parse(period))
        .from(from)
        .to(to)
        .currency(currency == null ? null : Money.currency(currency))
        .zone(zoneId)
        .rollingDays(rollingDays)
        .firstProduct(firstProduct)
        .firstCategory(firstCategory)
        .country(country)
        .minimumCohortSize(minCohortSize)
        .build();
  }
}
