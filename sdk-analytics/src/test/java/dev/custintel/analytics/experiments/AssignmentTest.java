package dev.custintel.analytics.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assignment is stable (known values, computed independently with Python's hashlib from the documented recipe),
 * uniform (chi-square over 100,000 ids in 100 buckets) and independent across experiments (chi-square of the 2×2
 * table of two experiments' arms over the same 100,000 ids). The ids and keys are fixed, so each check either
 * always passes or always fails; the thresholds (p above 0.001) would fail a broken hash by hundreds of orders of
 * magnitude.
 */
class AssignmentTest {
  private static final int IDS = 100_000;

  @Test
  void knownValues_fromTheDocumentedRecipe() {
    // sha256(int32 big-endian length of the key's UTF-8 + key + id), first 8 bytes >>> 11, / 2^53.
    assertThat(Assignment.unit("exp-1", "00001")).isCloseTo(0.711519520142237, within(1e-15));
    assertThat(Assignment.unit("exp-1", "00002")).isCloseTo(0.49398274962189226, within(1e-15));
    assertThat(Assignment.unit("winback-2026", "C-42")).isCloseTo(0.8520267094815148, within(1e-15));
    assertThat(Assignment.unit("é", "ü")).isCloseTo(0.47475914226834004, within(1e-15));
    assertThat(Assignment.arm("exp-1", "00001", List.of(1.0, 1.0))).isEqualTo(1);
    assertThat(Assignment.arm("exp-1", "00002", List.of(1.0, 1.0))).isEqualTo(0);
    // 0.7115 of a total of 10 is 7.1: past the first 7, in the second arm.
    assertThat(Assignment.arm("exp-1", "00001", List.of(7.0, 3.0))).isEqualTo(1);
    assertThat(Assignment.arm("exp-1", "00001", List.of(8.0, 2.0))).isEqualTo(0);
  }

  @Test
  void uniformOverCustomers() {
    long[] buckets = new long[100];
    for (int i = 0; i < IDS; i++) {
      double u = Assignment.unit("uniformity", "customer-" + i);
      assertThat(u).isBetween(0.0, 1.0).isLessThan(1.0);
      buckets[(int) (u * buckets.length)]++;
    }
    List<Long> observed = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (long b : buckets) {
      observed.add(b);
      weights.add(1.0);
    }
    SampleRatioCheck fit = ExperimentStats.sampleRatio(observed, weights);
    assertThat(fit.pValue()).as("chi-square %s over 99 df", fit.chiSquare()).isGreaterThan(0.001);
  }

  @Test
  void armsFollowTheirWeights() {
    List<Double> weights = List.of(0.9, 0.1);
    long[] arms = new long[2];
    for (int i = 0; i < IDS; i++) {
      arms[Assignment.arm("ninety-ten", "c" + i, weights)]++;
    }
    SampleRatioCheck srm = ExperimentStats.sampleRatio(List.of(arms[0], arms[1]), weights);
    assertThat(srm.mismatch()).as("%s", srm).isFalse();
    assertThat(arms[1] / (double) IDS).isCloseTo(0.1, within(0.005));
  }

  @Test
  void independentAcrossExperiments() {
    long[][] table = new long[2][2];
    for (int i = 0; i < IDS; i++) {
      String id = "c" + i;
      table[Assignment.arm("first", id, List.of(1.0, 1.0))][Assignment.arm("second", id, List.of(1.0, 1.0))]++;
    }
    // Pearson's chi-square of independence for the 2x2 table, 1 degree of freedom.
    double chi = 0;
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 2; c++) {
        double expected = (double) (table[r][0] + table[r][1]) * (table[0][c] + table[1][c]) / IDS;
        chi += (table[r][c] - expected) * (table[r][c] - expected) / expected;
      }
    }
    double p = dev.custintel.analytics.experiments.internal.Distributions.chiSquareSurvival(chi, 1);
    assertThat(p).as("chi-square %s of %s", chi, java.util.Arrays.deepToString(table)).isGreaterThan(0.001);
    // And the same customer in the same experiment is always in the same arm.
    assertThat(Assignment.arm("first", "c7", List.of(1.0, 1.0)))
        .isEqualTo(Assignment.arm("first", "c7", List.of(1.0, 1.0)));
  }

  @Test
  void weightsAreChecked() {
    assertThatThrownBy(() -> Assignment.arm("e", "c", List.of(1.0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("weights");
    assertThatThrownBy(() -> Assignment.arm("e", "c", List.of(1.0, -1.0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("weight 1");
    assertThatThrownBy(() -> Assignment.arm("e", "c", List.of(1.0, Double.NaN)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("weight 1");
    // Each finite, but their sum is not: every customer would land in the last arm.
    assertThatThrownBy(() -> Assignment.arm("e", "c", List.of(1.0, 1e308, 1e308)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("weight 2").hasMessageContaining("infinite");
    assertThatThrownBy(() -> Arm.of("b", 1e308))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("arms.weight")
        .hasMessageContaining("at most 1000000");
    assertThat(Arm.of("b", Arm.MAX_WEIGHT).weight()).isEqualTo(1_000_000.0);
  }

  @Test
  void theLargestWeightsStillSplitByTheirShares() {
    List<Double> weights = List.of(1.0, Arm.MAX_WEIGHT, Arm.MAX_WEIGHT);
    int[] counts = new int[3];
    for (int i = 0; i < 20_000; i++) {
      counts[Assignment.arm("big", "c" + i, weights)]++;
    }
    assertThat(counts[1]).isBetween(9_500, 10_500);
    assertThat(counts[2]).isBetween(9_500, 10_500);
  }
}
