package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fits on data that cannot identify the parameters (one or two customers): the likelihood is flat along a ridge
 * and the search drifts towards parameters of 1e5 and beyond. Whatever happens, the fit returns (no exception, no
 * endless series), reports every number finite, and says whether it converged. Before the series budget and the
 * stall rule, the Pareto/NBD fit of the second case took over a minute.
 */
class DegenerateFitTest {

  static Stream<Arguments> cases() {
    List<List<RfmSummary>> data = List.of(
        List.of(RfmSummary.of(1, 5, 10), RfmSummary.of(0, 0, 10)),
        List.of(RfmSummary.of(3, 9, 10), RfmSummary.of(2, 1, 30)),
        List.of(RfmSummary.of(1, 1, 2)),
        List.of(RfmSummary.of(5, 20, 20), RfmSummary.of(5, 20, 20), RfmSummary.of(0, 0, 20)));
    return Stream.of(PurchaseModelKind.values())
        .flatMap(kind -> data.stream().map(d -> Arguments.of(kind, d)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fitReturnsFiniteNumbersAndSaysHowItWent(PurchaseModelKind kind, List<RfmSummary> data) {
    PurchaseModel model = kind.fit(data);
    for (double logParameter : model.logParameters()) {
      assertThat(logParameter).isFinite();
    }
    FitDiagnostics d = model.diagnostics().orElseThrow();
    assertThat(d.gradientNorm()).isFinite().isGreaterThanOrEqualTo(0.0);
    assertThat(d.iterations()).isBetween(1, 500);
    assertThat(model.logLikelihood().orElseThrow()).isFinite();
    if (d.converged()) {
      assertThat(d.gradientNorm()).isLessThan(1e-7);
    }
    RfmSummary first = data.get(0);
    assertThat(model.probabilityAlive(first)).isBetween(0.0, 1.0);
  }
}
