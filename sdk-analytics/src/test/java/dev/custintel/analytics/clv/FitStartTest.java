package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A start where the log-likelihood is not finite is refused naming {@code start} and quoting it as given. */
class FitStartTest {
  private static final List<RfmSummary> SUMMARIES = List.of(
      RfmSummary.of(2, 30.0, 39.0), RfmSummary.of(0, 0.0, 39.0), RfmSummary.of(5, 35.0, 38.0),
      RfmSummary.of(1, 10.0, 37.0));

  @Test
  void bgNbd_startOutsideTheModel_isNamedAndQuoted() {
    BgNbdOptions options = new BgNbdOptions(500, 1e-7, new BgNbdParameters(1e30, 1, 1, 1));

    assertThatThrownBy(() -> BgNbdModel.fit(SUMMARIES, options))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.field()).isEqualTo("start"))
        .hasMessageContaining("not finite there")
        .hasMessageContaining("r=1.0E30");
  }

  @Test
  void paretoNbd_startOutsideTheModel_isNamedAndQuoted() {
    ParetoNbdOptions options = new ParetoNbdOptions(500, 1e-7, new ParetoNbdParameters(1, 1e-30, 1, 1));

    assertThatThrownBy(() -> ParetoNbdModel.fit(SUMMARIES, options))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.field()).isEqualTo("start"))
        .hasMessageContaining("not finite there")
        .hasMessageContaining("alpha=1.0E-30");
  }
}
