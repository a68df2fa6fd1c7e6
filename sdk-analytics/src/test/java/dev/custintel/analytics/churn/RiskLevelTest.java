package dev.custintel.analytics.churn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RiskLevelTest {

  @Test
  void bounds_areTheDocumentedOnes() {
    assertThat(RiskLevel.LOW.lowerBound()).isEqualTo(0.0);
    assertThat(RiskLevel.MEDIUM.lowerBound()).isEqualTo(0.5);
    assertThat(RiskLevel.HIGH.lowerBound()).isEqualTo(0.8);
  }

  @Test
  void of_putsEachBoundInItsOwnBandAndJustBelowItInTheOneBelow() {
    assertThat(RiskLevel.of(0.0)).isEqualTo(RiskLevel.LOW);
    assertThat(RiskLevel.of(Math.nextDown(0.5))).isEqualTo(RiskLevel.LOW);
    assertThat(RiskLevel.of(0.5)).isEqualTo(RiskLevel.MEDIUM);
    assertThat(RiskLevel.of(Math.nextDown(0.8))).isEqualTo(RiskLevel.MEDIUM);
    assertThat(RiskLevel.of(0.8)).isEqualTo(RiskLevel.HIGH);
    assertThat(RiskLevel.of(1.0)).isEqualTo(RiskLevel.HIGH);
  }
}
