package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.RecommendQuery;
import dev.custintel.analytics.actions.RecommendationPage;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Next best actions for many customers: a list, or a segment's members, a page at a time. */
@RestController
@Tag(name = "actions", description = "Next best actions for a list of customers or a segment, paged")
public final class ActionController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public ActionController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param body the customers and the page
   * @return their next best actions, in the list's order, with the unscored apart
   */
  @PostMapping(path = "${custintel.api.base-path:/api}/actions/recommend", consumes = "application/json",
      produces = "application/json")
  @Operation(summary = "Next best actions for up to 1,000 customers, a page at a time (limit, cursor); customers "
      + "without a score in the active run are listed in unscored")
  public RecommendationPage recommend(@RequestBody RecommendBody body) {
    return ci.actions().recommend(body.toQuery());
  }

  /**
   * @param name a segment of the preset
   * @param preset the preset
   * @param limit the page's size, 1 to 1,000
   * @param cursor the previous page's nextCursor
   * @return the segment's members' next best actions, by customer id
   */
  @GetMapping(path = "${custintel.api.base-path:/api}/segments/{name}/next-best-actions",
      produces = "application/json")
  @Operation(summary = "Next best actions for a segment's members, a page at a time, by customer id")
  public RecommendationPage segment(
      @PathVariable("name") String name,
      @RequestParam(name = "preset", defaultValue = "rf-grid") String preset,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    return ci.actions().recommend(RecommendQuery.segment(name).withPreset(SegmentPreset.parse(preset))
        .withLimit(limit).withCursor(cursor));
  }

  /**
   * The request body of {@code POST /api/actions/recommend}.
   *
   * @param customerIds the customers, 1 to 1,000
   * @param limit the page's size, 1 to 1,000 (default 100)
   * @param cursor the previous page's nextCursor, or null for the first
   */
  public record RecommendBody(
      @Nullable List<String> customerIds, @Nullable Integer limit, @Nullable String cursor) {

    RecommendQuery toQuery() {
      if (customerIds == null) {
        throw InvalidInputException.argument("customerIds", "is required: the customers to recommend for");
      }
      return RecommendQuery.customers(customerIds).withLimit(limit == null ? 100 : limit).withCursor(cursor);
    }
  }
}
