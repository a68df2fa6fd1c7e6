package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Churn across the customer base. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/churn", produces = "application/json")
@Tag(name = "churn", description = "Churn risk across the customer base")
public final class ChurnController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public ChurnController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /** @return the distribution of churn risk in the active run */
  @GetMapping("/summary")
  @Operation(summary = "Churn risk across the base: customers per risk level, average risk, value at risk")
  public ChurnSummary summary() {
    return ci.churn().summary();
  }

  /**
   * @param limit at most this many, 1 to 10,000
   * @param minRisk only customers with at least this risk, in [0, 1]
   * @return the customers with the most value at risk
   */
  @GetMapping("/at-risk")
  @Operation(summary = "Customers by value at risk (churn risk × predicted value), highest first")
  public List<AtRiskCustomer> atRisk(
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "minRisk", defaultValue = "0.5") double minRisk) {
    return Params.naming(Map.of("minimumChurnRisk", "minRisk"), () -> ci.churn().atRisk(limit, minRisk));
  }
}
