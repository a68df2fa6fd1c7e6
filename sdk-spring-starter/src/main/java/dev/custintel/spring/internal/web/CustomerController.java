package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerRank;
import dev.custintel.core.customer.CustomerSort;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.model.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers: profiles, the typed query, the top spenders, and per-customer churn, LTV, cross-sell and next best
 * action.
 */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/customers", produces = "application/json")
@Tag(name = "customers", description = "Customer profiles, queries, rankings and per-customer scores")
public final class CustomerController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public CustomerController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param id the customer id
   * @return the profile with the active run's scores
   */
  @GetMapping("/{id}")
  @Operation(summary = "A customer's profile: orders, spend per currency, dates, top products and scores")
  public CustomerProfile profile(@PathVariable("id") String id) {
    return ci.customers().profile(id);
  }

  /**
   * @param inactiveDays at least this many days since the last order
   * @param country ISO country code
   * @param minOrders at least this many orders
   * @param from first day of the period (UTC, inclusive)
   * @param to last day of the period (UTC, inclusive)
   * @param currency ISO 4217 code of the spend figures
   * @param sort id, spend_desc or orders_desc
   * @param cursor the previous page's nextCursor
   * @param limit page size, 1 to 1000
   * @return one page of customers
   */
  @GetMapping
  @Operation(summary = "Customers matching a query, one page at a time (pass nextCursor as cursor)")
  public CustomerPage query(
      @RequestParam(name = "inactiveDays", required = false) @Nullable Integer inactiveDays,
      @RequestParam(name = "country", required = false) @Nullable String country,
      @RequestParam(name = "minOrders", required = false) @Nullable Integer minOrders,
      @RequestParam(name = "from", required = false) @Nullable LocalDate from,
      @RequestParam(name = "to", required = false) @Nullable LocalDate to,
      @RequestParam(name = "currency", required = false) @Nullable String currency,
      @RequestParam(name = "sort", required = false) @Nullable String sort,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    CustomerQuery.Builder query = CustomerQuery.builder().limit(limit).after(cursor);
    if (inactiveDays != null) {
      query.inactiveForAtLeastDays(inactiveDays);
    }
    if (country != null) {
      query.country(country);
    }
    if (minOrders != null) {
      query.minOrders(minOrders);
    }
    DateRange period = Params.period(from, to);
    if (period != null) {
      query.period(period);
    }
    if (currency != null) {
      query.currency(Money.currency(currency));
    }
    if (sort != null) {
      query.sort(Params.enumValue(CustomerSort.class, sort, "sort"));
    }
    try {
      return ci.customers().query(query.build());
    } catch (InvalidInputException e) {
      // The SDK calls the cursor 'after'; this endpoint's parameter is 'cursor'.
      if (e.field().equals("after")) {
        throw InvalidInputException.argument("cursor", e.reason());
      }
      throw e;
    }
  }

  /**
   * @param n how many
   * @param from first day (UTC, inclusive); default 30 days before today
   * @param to last day (UTC, inclusive); default today
   * @param currency the currency to rank in, when the shop has several
   * @return the top spenders of the period
   */
  @GetMapping("/top")
  @Operation(summary = "The top spenders of a period (default: the last 30 days)")
  public List<CustomerRank> top(
      @RequestParam(name = "n", defaultValue = "10") int n,
      @RequestParam(name = "from", required = false) @Nullable LocalDate from,
      @RequestParam(name = "to", required = false) @Nullable LocalDate to,
      @RequestParam(name = "currency", required = false) @Nullable String currency) {
    DateRange period = Params.period(from, to);
    if (period == null) {
      period = DateRange.lastDays(ci.clock(), 30);
    }
    return currency == null
        ? ci.customers().top(n, period)
        : ci.customers().top(n, period, Money.currency(currency));
  }

  /**
   * @param id the customer id
   * @return the customer's churn risk from the active run
   */
  @GetMapping("/{id}/churn-risk")
  @Operation(summary = "A customer's churn risk (1 - P(alive)) from the active model run")
  public ChurnRisk churnRisk(@PathVariable("id") String id) {
    return ci.churn().risk(id);
  }

  /**
   * @param id the customer id
   * @param months the horizon in months, 1 to 120
   * @return the customer's predicted lifetime value
   */
  @GetMapping("/{id}/ltv")
  @Operation(summary = "A customer's predicted lifetime value over a horizon (default 12 months), with its interval")
  public LtvPrediction ltv(
      @PathVariable("id") String id, @RequestParam(name = "months", defaultValue = "12") double months) {
    if (!(months > 0 && months <= 120)) {
      throw InvalidInputException.argument("months", "must be in (0, 120] (was " + months + ")");
    }
    return ci.ltv().predict(id, Horizon.months(months));
  }

  /**
   * @param id the customer id
   * @param limit how many suggestions, 1 to 100
   * @return products to suggest, from the active run's rules, weighted by the customer's value
   */
  @GetMapping("/{id}/cross-sell")
  @Operation(summary = "Products to suggest to a customer, from the active run's association rules")
  public List<CrossSellSuggestion> crossSell(
      @PathVariable("id") String id, @RequestParam(name = "limit", defaultValue = "5") int limit) {
    Params.range(limit, 1, 100, "limit");
    return ci.affinity().crossSell(id, limit);
  }

  /**
   * @param id the customer id
   * @return the recommended action with its expected impact, arithmetic, explanation, message and every candidate
   */
  @GetMapping("/{id}/next-best-action")
  @Operation(summary = "The next best action for a customer: the candidate with the highest expected value from "
      + "the active run's churn risk, value at risk and lifetime value, with its arithmetic")
  public NextBestAction nextBestAction(@PathVariable("id") String id) {
    return ci.actions().next(id);
  }

}
