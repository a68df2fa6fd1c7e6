package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.product.ProductPage;
import dev.custintel.core.product.ProductQuery;
import dev.custintel.core.product.ProductStats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Products: what each sold, one product or pages of them. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/products", produces = "application/json")
@Tag(name = "products", description = "What each product sold: buyers, orders, units, revenue, first and last sale")
public final class ProductController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public ProductController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param sku the product
   * @return its figures
   */
  @GetMapping("/{sku}")
  @Operation(summary = "One product: name, category, buyers, orders, units, net revenue per currency, first and last sale")
  public ProductStats product(@PathVariable("sku") String sku) {
    return ci.products().product(sku);
  }

  /**
   * @param category only this category (exact)
   * @param q only names containing this text (any case)
   * @param from first day a sale counts (UTC, inclusive); with to, only products sold then, with that period's figures
   * @param to last day (UTC, inclusive)
   * @param cursor the previous page's nextCursor
   * @param limit page size, 1 to 1000
   * @return one page of products, by sku
   */
  @GetMapping
  @Operation(summary = "Products by sku, one page at a time (pass nextCursor as cursor), with filters")
  public ProductPage list(
      @RequestParam(name = "category", required = false) @Nullable String category,
      @RequestParam(name = "q", required = false) @Nullable String q,
      @RequestParam(name = "from", required = false) @Nullable LocalDate from,
      @RequestParam(name = "to", required = false) @Nullable LocalDate to,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      @RequestParam(name = "limit", defaultValue = "50") int limit) {
    ProductQuery.Builder query = ProductQuery.builder().limit(limit).cursor(cursor);
    if (category != null) {
      query.category(category);
    }
    if (q != null) {
      query.nameContains(q);
    }
    DateRange period = Params.period(from, to);
    if (period != null) {
      query.soldWithin(period);
    }
    return ci.products().list(query.build());
  }
}
