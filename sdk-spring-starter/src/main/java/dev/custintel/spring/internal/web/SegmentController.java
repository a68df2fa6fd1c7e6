package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.segments.CustomerSegment;
import dev.custintel.analytics.segments.SegmentPage;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentReport;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** RFM segments: the report, a segment's members, one customer's segment. */
@RestController
@Tag(name = "segments", description = "RFM segments under the rf-grid, shopify or klaviyo preset")
public final class SegmentController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public SegmentController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /** @return every segment's customers, share and revenue, with the active run's churn risk and LTV */
  @GetMapping(path = "${custintel.api.base-path:/api}/segments", produces = "application/json")
  @Operation(summary = "Customers per RFM segment as of an instant (default now): count, share, revenue, the active "
      + "run's mean churn risk and LTV, and the distribution of each score")
  public SegmentReport segments(
      @RequestParam(name = "preset", defaultValue = "rf-grid") String preset,
      @RequestParam(name = "asOf", required = false) @Nullable String asOf,
      @RequestParam(name = "currency", required = false) @Nullable String currency) {
    return ci.segments().report(request(preset, asOf, currency));
  }

  /** @return a page of the segment's members by customer id */
  @GetMapping(path = "${custintel.api.base-path:/api}/segments/{name}/customers", produces = "application/json")
  @Operation(summary = "A page of a segment's customers with their scores, by customer id")
  public SegmentPage members(
      @PathVariable("name") String name,
      @RequestParam(name = "preset", defaultValue = "rf-grid") String preset,
      @RequestParam(name = "asOf", required = false) @Nullable String asOf,
      @RequestParam(name = "currency", required = false) @Nullable String currency,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    return ci.segments().members(name, request(preset, asOf, currency), limit, cursor);
  }

  /** @return the customer's scores and segment, with the active run's stored membership */
  @GetMapping(path = "${custintel.api.base-path:/api}/customers/{id}/segment", produces = "application/json")
  @Operation(summary = "One customer's RFM scores and segment, with the segment the active run stored, the previous "
      + "one and when it changed")
  public CustomerSegment customer(
      @PathVariable("id") String id,
      @RequestParam(name = "preset", defaultValue = "rf-grid") String preset,
      @RequestParam(name = "asOf", required = false) @Nullable String asOf,
      @RequestParam(name = "currency", required = false) @Nullable String currency) {
    return ci.segments().customer(id, request(preset, asOf, currency));
  }

  private static SegmentRequest request(String preset, @Nullable String asOf, @Nullable String currency) {
    SegmentRequest request = SegmentRequest.of(SegmentPreset.parse(preset));
    if (asOf != null) {
      request = request.withAsOf(instant(asOf));
    }
    if (currency != null) {
      request = request.withCurrency(Money.currency(currency));
    }
    return request;
  }

  /** A day (its start, UTC) or an instant. */
  private static Instant instant(String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(value);
    } catch (DateTimeException e) {
      throw InvalidInputException.argument("asOf",
          "must be a day (2024-05-01, its start in UTC) or an instant (2024-05-01T12:00:00Z) (was '" + value + "')");
    }
  }
}
