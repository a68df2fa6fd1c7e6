package dev.custintel.spring.internal.web;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.sync.SyncStatus;
import dev.custintel.spring.internal.sync.SyncRunner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pull sync: each source's status, and a run on demand. */
@RestController
@RequestMapping(path = "${custintel.api.admin-path:/admin}", produces = "application/json")
@Tag(name = "admin")
public final class SyncController {
  private final SyncRunner runner;

  /** @param runner the application's sources */
  public SyncController(SyncRunner runner) {
    this.runner = runner;
  }

  /** @return each source's sources and status */
  @GetMapping("/sync-status")
  @Operation(summary = "Each order source: last run, outcome, watermark, orders pulled and written, error")
  public SyncOverview status() {
    return new SyncOverview(runner.sourceNames(), runner.statuses());
  }

  /**
   * @param source one source's name; all when absent
   * @return each run's result, or 502 when a source's rows are invalid
   */
  @PostMapping("/sync")
  @Operation(summary = "Run one order source (source=NAME) or all now; a source already running gets 409")
  public ResponseEntity<?> run(@RequestParam(name = "source", required = false) @Nullable String source) {
    try {
      return ResponseEntity.ok(runner.run(source));
    } catch (InvalidInputException e) {
      // The request was fine; the source's rows were not. The status keeps its watermark and records the error.
      ProblemDetail problem = Problems.SOURCE_DATA_INVALID.problem(
          "The order source returned a row Custintel refuses (" + e.getMessage() + "); nothing of that run's"
              + " failed page was stored and the watermark did not move. Fix the source's data or SQL and run again.",
          List.of(new Problems.FieldError(e.field(), e.reason())));
      return ResponseEntity.status(problem.getStatus()).contentType(ProblemMedia.PROBLEM_JSON).body(problem);
    }
  }

  /**
   * The sync overview.
   *
   * @param sources the configured sources' names
   * @param statuses the status of each source that ever ran
   */
  public record SyncOverview(List<String> sources, List<SyncStatus> statuses) {}
}
