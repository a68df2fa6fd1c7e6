package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.affinity.RuleOrder;
import dev.custintel.analytics.affinity.RuleQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Product affinity from the active run: association rules and "bought together". */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}", produces = "application/json")
@Tag(name = "affinity", description = "Association rules and products bought together")
public final class AffinityController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public AffinityController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param minSupport at least this support, in [0, 1]
   * @param minConfidence at least this confidence, in [0, 1]
   * @param minLift at least this lift
   * @param antecedent rules whose antecedent holds any of these products (repeatable)
   * @param consequent rules whose consequent is any of these products (repeatable)
   * @param maxAntecedentLength at most this many products on the left
   * @param orderBy lift, confidence or support
   * @param limit at most this many rules, 1 to 10,000
   * @return the rules
   */
  @GetMapping("/affinity/rules")
  @Operation(summary = "Association rules of the active run, filtered and ordered")
  public List<ProductRule> rules(
      @RequestParam(name = "minSupport", defaultValue = "0") double minSupport,
      @RequestParam(name = "minConfidence", defaultValue = "0") double minConfidence,
      @RequestParam(name = "minLift", defaultValue = "0") double minLift,
      @RequestParam(name = "antecedent", required = false) @Nullable List<String> antecedent,
      @RequestParam(name = "consequent", required = false) @Nullable List<String> consequent,
      @RequestParam(name = "maxAntecedentLength", required = false) @Nullable Integer maxAntecedentLength,
      @RequestParam(name = "orderBy", defaultValue = "lift") String orderBy,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    RuleQuery.Builder query = RuleQuery.builder()
        .minSupport(minSupport)
        .minConfidence(minConfidence)
        .minLift(minLift)
        .orderBy(Params.enumValue(RuleOrder.class, orderBy, "orderBy"))
        .limit(limit);
    if (antecedent != null && !antecedent.isEmpty()) {
      query.antecedentAnyOf(antecedent.toArray(String[]::new));
    }
    if (consequent != null && !consequent.isEmpty()) {
      query.consequentAnyOf(consequent.toArray(String[]::new));
    }
    if (maxAntecedentLength != null) {
      query.maxAntecedentLength(maxAntecedentLength);
    }
    return ci.affinity().rules(query.build());
  }

  /**
   * @param sku the product
   * @param limit at most this many rules
   * @return the rules whose antecedent is this product alone
   */
  @GetMapping("/products/{sku}/bought-together")
  @Operation(summary = "Products bought together with a product, strongest rule first")
  public List<ProductRule> boughtTogether(
      @PathVariable("sku") String sku, @RequestParam(name = "limit", defaultValue = "10") int limit) {
    return ci.affinity().boughtTogether(sku, limit);
  }
}
