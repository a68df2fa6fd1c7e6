package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.forecast.Forecast;
import dev.custintel.analytics.forecast.ForecastPeriodUnit;
import dev.custintel.analytics.forecast.ForecastRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Forecasts of transactions and revenue from the active model run. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/forecast")
@Tag(name = "forecast", description = "Expected transactions and revenue per week or month, with a backtest")
public final class ForecastController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public ForecastController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /** @return the forecast */
  @GetMapping(produces = "application/json")
  @Operation(summary = "Expected transactions and revenue per period after the active model run's as-of day: "
      + "existing customers (with an interval), new customers (seasonal naive or Holt-Winters first orders) and "
      + "their sum, with a backtest of the whole forecast (MAPE and tracking per period)")
  public Forecast forecast(
      @RequestParam(name = "horizon", defaultValue = "12") int horizon,
      @RequestParam(name = "period", defaultValue = "week") String period,
      @RequestParam(name = "intervalLevel", defaultValue = "0.9") double intervalLevel,
      @RequestParam(name = "backtest", defaultValue = "true") boolean backtest) {
    return ci.forecast().forecast(
        new ForecastRequest(ForecastPeriodUnit.parse(period), horizon, intervalLevel, backtest));
  }
}
