package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Versioned model runs: list, refresh, activate (rollback is activating an older run). */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/models", produces = "application/json")
@Tag(name = "models", description = "Versioned model runs: fit, score, activate, roll back")
public final class ModelController {
  private final CustomerIntelligence ci;
  private final ReentrantLock refreshing = new ReentrantLock();

  /** @param ci the facade */
  public ModelController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param limit at most this many, 1 to 1000
   * @return the latest runs, newest first
   */
  @GetMapping
  @Operation(summary = "The latest model runs, newest first; the active one has active=true")
  public List<ModelRun> list(@RequestParam(name = "limit", defaultValue = "20") int limit) {
    return ci.models().list(limit);
  }

  /**
   * @param id a run id
   * @return that run
   */
  @GetMapping("/{id}")
  @Operation(summary = "One model run")
  public ModelRun get(@PathVariable("id") long id) {
    return ci.models().get(id);
  }

  /**
   * Fits, backtests and scores every customer, then activates the new run. One refresh at a time per server.
   *
   * @return the new run
   */
  @PostMapping("/refresh")
  @Operation(summary = "Fit, backtest and score every customer, then activate the new run (synchronous)")
  public ModelRun refresh() {
    if (!refreshing.tryLock()) {
      throw new ConflictException("A model refresh is already running on this server; wait for it to finish");
    }
    try {
      return ci.models().refresh();
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * @param id the run to activate
   * @return the run, now active
   */
  @PostMapping("/{id}/activate")
  @Operation(summary = "Make a run the active one (roll back by activating an older run)")
  public ModelRun activate(@PathVariable("id") long id) {
    return ci.models().activate(id);
  }
}
