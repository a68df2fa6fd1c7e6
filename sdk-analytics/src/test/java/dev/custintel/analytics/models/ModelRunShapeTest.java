package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The groups of {@link ModelRun}: the invariants their constructors keep. */
class ModelRunShapeTest {

  @Test
  void quality_eitherTheBacktestOrWhyNot_neverBothNorNeither() {
    BacktestReport report = backtest();

    assertThat(ModelRun.Quality.backtested(report).backtest()).isSameAs(report);
    assertThat(ModelRun.Quality.backtested(report).backtestSkipped()).isNull();
    assertThat(ModelRun.Quality.skipped("not requested").backtest()).isNull();
    assertThat(ModelRun.Quality.skipped("not requested").backtestSkipped()).isEqualTo("not requested");
    assertThatThrownBy(() -> new ModelRun.Quality(null, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("backtest"))
        .hasMessageContaining("not neither");
    assertThatThrownBy(() -> new ModelRun.Quality(report, "not requested"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("backtest"))
        .hasMessageContaining("not both");
  }

  @Test
  void timing_copiesThePhasesInTheirOrder() {
    Map<String, Duration> phases = new LinkedHashMap<>();
    phases.put("summaries", Duration.ofMillis(30));
    phases.put("fit", Duration.ofMillis(20));
    phases.put("score", Duration.ofMillis(10));

    ModelRun.Timing timing = new ModelRun.Timing(Duration.ofMillis(70), phases);
    phases.clear();

    assertThat(timing.phases().keySet()).containsExactly("summaries", "fit", "score");
    assertThatThrownBy(() -> timing.phases().put("write", Duration.ZERO))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void data_missingPart_namesIt() {
    assertThatThrownBy(() -> new ModelRun.Data(null, null, null, 0, 0, null))
        .isInstanceOf(NullPointerException.class).hasMessage("asOf");
  }

  private static BacktestReport backtest() {
    FitReport fit = new FitReport("bgnbd", Map.of("r", 1.0), Map.of(), -1.0, true, 3, 0.0, 1, null);
    return new BacktestReport(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 12, 31), 26.0, 10, 4, 3.5, 0.5, 0.7,
        null, List.of(), List.of(), fit);
  }
}
