package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gamma-Gamma spend model on the CDNOW sample against Fader &amp; Hardie (2013) and lifetimes
 * (p 6.25, q 3.74, γ 15.44, LL −4055.92 on the 946 repeaters).
 */
class GammaGammaModelTest {

  private static final GammaGammaParameters PUBLISHED = new GammaGammaParameters(6.25, 3.74, 15.44);

  private static List<SpendSummary> cdnow;
  private static GammaGammaModel fitted;

  @BeforeAll
  static void fitOnce() {
    cdnow = load();
    fitted = GammaGammaModel.fit(cdnow, GammaGammaOptions.defaults());
  }

  // data/clv/cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar; CRLF, no trailing newline.
  private static List<SpendSummary> load() {
    Path file = Path.of(
        System.getProperty("custintel.dataDir", "../data"), "clv", "cdnow_customers_summary_with_transactions.csv");
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\r?\n");
      assertThat(lines[0].strip()).isEqualTo("ID,x,t_x,T,zbar");
      List<SpendSummary> out = new ArrayList<>();
      for (String line : Arrays.asList(lines).subList(1, lines.length)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.strip().split(",");
        out.add(new SpendSummary(Integer.parseInt(f[1]), Double.parseDouble(f[4])));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void load_cdnow_has946RepeatersWithMeanSpend35point08() {
    assertThat(cdnow).hasSize(2357);
    List<SpendSummary> repeaters = cdnow.stream().filter(s -> s.frequency() > 0).toList();
    assertThat(repeaters).hasSize(946).allMatch(s -> s.meanSpend() > 0.0);
    assertThat(repeaters.stream().mapToDouble(SpendSummary::meanSpend).average().orElseThrow())
        .isCloseTo(35.08, offset(0.01));
  }

  @Test
  void fit_cdnow_parametersMatchPublishedToRelative1e2() {
    GammaGammaParameters p = fitted.parameters();
    assertThat(p.p()).isCloseTo(6.25, within(6.25 * 1e-2));
    assertThat(p.q()).isCloseTo(3.74, within(3.74 * 1e-2));
    assertThat(p.gamma()).isCloseTo(15.44, within(15.44 * 1e-2));
  }

  @Test
  void fit_cdnow_logLikelihoodMatchesPublished() {
    assertThat(fitted.logLikelihood()).hasValueCloseTo(-4055.92, offset(0.1));
    assertThat(fitted.logLikelihoodOf(cdnow)).isCloseTo(fitted.logLikelihood().getAsDouble(), offset(1e-6));
    // The published rounded parameters lie on the same flat ridge: within 0.1 of the maximum.
    assertThat(GammaGammaModel.of(PUBLISHED).logLikelihoodOf(cdnow)).isCloseTo(-4055.92, offset(0.1));
  }

  @Test
  void fit_cdnow_convergedAndReportsExclusions() {
    FitDiagnostics d = fitted.diagnostics().orElseThrow();
    assertThat(d.converged()).isTrue();
    assertThat(d.gradientNorm()).isLessThan(1e-7);
    assertThat(d.iterations()).isBetween(1, 1000);
    assertThat(d.distinctSummaries()).isBetween(1, 946);
    GammaGammaSampleCounts counts = fitted.sampleCounts().orElseThrow();
    assertThat(counts.fitted()).isEqualTo(946);
    assertThat(counts.excludedNoRepeat()).isEqualTo(1411);
    assertThat(counts.excludedNonPositiveSpend()).isZero();
    assertThat(counts.excluded()).isEqualTo(1411);
  }

  @Test
  void fit_cdnow_standardErrorsFiniteAndPositive() {
    GammaGammaStandardErrors se = fitted.standardErrors().orElseThrow();
    assertThat(se.p()).isPositive().isFinite();
    assertThat(se.q()).isPositive().isFinite();
    assertThat(se.gamma()).isPositive().isFinite();
  }

  @Test
  void conditionalExpectedSpend_cdnowCustomers1to10_matchLifetimes() {
    // Customers 3, 4, 5, 8 and 10 have x = 0: the population mean pγ/(q−1) = 35.22 at the rounded parameters.
    double[] expected = {24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17};
    GammaGammaModel published = GammaGammaModel.of(PUBLISHED);
    for (int i = 0; i < expected.length; i++) {
      assertThat(published.conditionalExpectedSpend(cdnow.get(i))).as("customer %d", i + 1)
          .isCloseTo(expected[i], offset(0.1));
      // At the unrounded MLE (lifetimes' own numbers come from it) the match is to the published 2 decimals.
      assertThat(fitted.conditionalExpectedSpend(cdnow.get(i))).as("fitted, customer %d", i + 1)
          .isCloseTo(expected[i], offset(0.01));
    }
  }

  @Test
  void conditionalExpectedSpend_matchesClosedForm() {
    GammaGammaModel model = GammaGammaModel.of(PUBLISHED);
    // p (γ + x z̄) / (p x + q − 1) at x = 2, z̄ = 22.35 (CDNOW customer 1)
    double direct = 6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1.0);
    assertThat(model.conditionalExpectedSpend(new SpendSummary(2, 22.35))).isCloseTo(direct, within(1e-12));
    assertThat(model.expectedMeanSpend()).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    assertThat(model.conditionalExpectedSpend(new SpendSummary(0, 0.0))).isEqualTo(model.expectedMeanSpend());
    assertThat(model.conditionalExpectedSpend(new SpendSummary(0, 999.0))).isEqualTo(model.expectedMeanSpend());
    // Many transactions: the customer's own mean dominates; huge values stay finite.
    assertThat(model.conditionalExpectedSpend(new SpendSummary(1_000_000, 50.0))).isCloseTo(50.0, offset(0.01));
    assertThat(model.conditionalExpectedSpend(new SpendSummary(Integer.MAX_VALUE, 1e300))).isFinite();
  }

  @Test
  void conditionalExpectedSpend_qAtMostOne_throwsTypedError() {
    GammaGammaModel model = GammaGammaModel.of(new GammaGammaParameters(6.25, 1.0, 15.44));
    assertThatThrownBy(() -> model.conditionalExpectedSpend(new SpendSummary(2, 20.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parameters")
        .hasMessageContaining("q must be greater than 1");
    assertThatThrownBy(model::expectedMeanSpend).isInstanceOf(InvalidInputException.class);
    GammaGammaModel below = GammaGammaModel.of(new GammaGammaParameters(6.25, 0.5, 15.44));
    assertThatThrownBy(() -> below.conditionalExpectedSpend(new SpendSummary(0, 0.0)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void conditionalExpectedSpend_repeaterWithNonPositiveSpend_throws() {
    GammaGammaModel model = GammaGammaModel.of(PUBLISHED);
    assertThatThrownBy(() -> model.conditionalExpectedSpend(new SpendSummary(3, 0.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("meanSpend");
    assertThatThrownBy(() -> model.conditionalExpectedSpend(new SpendSummary(3, -5.0)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void fit_excludesZeroFrequencyAndNonPositiveSpend_sameEstimates() {
    List<SpendSummary> withExtras = new ArrayList<>(cdnow);
    withExtras.add(new SpendSummary(2, 0.0));
    withExtras.add(new SpendSummary(1, -12.5));
    withExtras.add(new SpendSummary(0, 40.0));
    GammaGammaModel refit = GammaGammaModel.fit(withExtras, GammaGammaOptions.defaults());
    GammaGammaSampleCounts counts = refit.sampleCounts().orElseThrow();
    assertThat(counts.fitted()).isEqualTo(946);
    assertThat(counts.excludedNoRepeat()).isEqualTo(1412);
    assertThat(counts.excludedNonPositiveSpend()).isEqualTo(2);
    assertThat(counts.excluded()).isEqualTo(1414);
    assertThat(refit.logLikelihood().getAsDouble()).isCloseTo(fitted.logLikelihood().getAsDouble(), offset(1e-8));
    assertThat(refit.parameters().p()).isCloseTo(fitted.parameters().p(), within(1e-9));
  }

  @Test
  void fit_onlyRepeaters_sameAsFullData() {
    List<SpendSummary> repeaters = cdnow.stream().filter(SpendSummary::isFittable).toList();
    GammaGammaModel refit = GammaGammaModel.fit(repeaters, GammaGammaOptions.defaults());
    assertThat(refit.sampleCounts().orElseThrow().excluded()).isZero();
    assertThat(refit.logLikelihood().getAsDouble()).isCloseTo(fitted.logLikelihood().getAsDouble(), offset(1e-8));
  }

  @Test
  void fit_badInput_throwsTypedErrors() {
    GammaGammaOptions o = GammaGammaOptions.defaults();
    assertThatThrownBy(() -> GammaGammaModel.fit(List.of(), o))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("summaries");
    assertThatThrownBy(() -> GammaGammaModel.fit(List.of(new SpendSummary(0, 0.0), new SpendSummary(3, -1.0)), o))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("summaries")
        .hasMessageContaining("1 with frequency 0")
        .hasMessageContaining("1 with meanSpend <= 0");
    List<SpendSummary> withNull = new ArrayList<>(List.of(new SpendSummary(2, 10.0)));
    withNull.add(null);
    assertThatThrownBy(() -> GammaGammaModel.fit(withNull, o))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("summaries[1]");
  }

  @Test
  void records_rejectInvalidValues() {
    assertThatThrownBy(() -> new SpendSummary(-1, 10.0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("frequency");
    assertThatThrownBy(() -> new SpendSummary(1, Double.NaN)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("meanSpend");
    assertThatThrownBy(() -> new SpendSummary(1, Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GammaGammaParameters(0.0, 1.0, 1.0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("p");
    assertThatThrownBy(() -> new GammaGammaParameters(1.0, Double.NaN, 1.0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("q");
    assertThatThrownBy(() -> new GammaGammaParameters(1.0, 1.0, Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("gamma");
    assertThatThrownBy(() -> new GammaGammaOptions(0, 1e-7, PUBLISHED)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> new GammaGammaOptions(10, 0.0, PUBLISHED)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gradientTolerance");
    assertThat(new SpendSummary(0, 0.0).isFittable()).isFalse();
    assertThat(new SpendSummary(1, 0.0).isFittable()).isFalse();
    assertThat(new SpendSummary(1, 0.01).isFittable()).isTrue();
  }

  @Test
  void fit_degenerateData_boundedAndFinite() {
    // One customer, or everybody spending the same: the likelihood is unbounded along a ridge, so the search
    // wanders off; it must stop within the budget and return finite numbers.
    GammaGammaOptions o = new GammaGammaOptions(200, 1e-7, new GammaGammaParameters(1.0, 1.0, 1.0));
    for (List<SpendSummary> data : List.of(
        List.of(new SpendSummary(1, 20.0)),
        List.of(new SpendSummary(3, 20.0), new SpendSummary(5, 20.0), new SpendSummary(1, 20.0)))) {
      GammaGammaModel m = GammaGammaModel.fit(data, o);
      GammaGammaParameters p = m.parameters();
      double ll = m.logLikelihood().getAsDouble();
      assertThat(DoubleStream.of(p.p(), p.q(), p.gamma(), ll).allMatch(Double::isFinite)).isTrue();
      FitDiagnostics d = m.diagnostics().orElseThrow();
      assertThat(d.iterations()).isBetween(0, 200);
      assertThat(d.gradientNorm()).isFinite();
      m.standardErrors().ifPresent(se ->
          assertThat(DoubleStream.of(se.p(), se.q(), se.gamma()).allMatch(Double::isFinite)).isTrue());
      if (p.q() > 1.0) {
        assertThat(m.conditionalExpectedSpend(data.get(0))).isFinite();
      }
    }
  }

  @Test
  void of_hasNoFitInformation() {
    GammaGammaModel model = GammaGammaModel.of(PUBLISHED);
    assertThat(model.logLikelihood()).isEmpty();
    assertThat(model.standardErrors()).isEmpty();
    assertThat(model.diagnostics()).isEmpty();
    assertThat(model.sampleCounts()).isEmpty();
    assertThat(model.parameters()).isEqualTo(PUBLISHED);
  }

  @Test
  void fit_fromOtherStarts_reachesSameMaximum() {
    for (GammaGammaParameters start : List.of(PUBLISHED, new GammaGammaParameters(0.5, 20.0, 100.0))) {
      GammaGammaModel refit = GammaGammaModel.fit(cdnow, new GammaGammaOptions(1000, 1e-7, start));
      assertThat(refit.diagnostics().orElseThrow().converged()).as("from %s", start).isTrue();
      assertThat(refit.logLikelihood().getAsDouble()).isCloseTo(fitted.logLikelihood().getAsDouble(), offset(1e-6));
      assertThat(refit.parameters().p()).isCloseTo(fitted.parameters().p(), within(fitted.parameters().p() * 1e-4));
      assertThat(refit.parameters().q()).isCloseTo(fitted.parameters().q(), within(fitted.parameters().q() * 1e-4));
      assertThat(refit.parameters().gamma())
          .isCloseTo(fitted.parameters().gamma(), within(fitted.parameters().gamma() * 1e-4));
    }
  }
}
