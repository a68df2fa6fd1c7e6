package dev.custintel.analytics.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionPolicy;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention campaigns on H2 and PostgreSQL, on the CDNOW sample with a run as of 1997-09-30: the list is the churn
 * client's at-risk list (same customers, same order), each customer's action and impact are their next best action,
 * and the totals are the list's sums.
 */
class RetentionCampaignTest extends OnBothDatabases {
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeEach
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
  }

  @AfterEach
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theListIsTheAtRiskListWithEachCustomersNextBestAction() {
    assertThatThrownBy(() -> ci.campaigns().retention(RetentionOptions.defaults()))
        .isInstanceOf(ModelNotReadyException.class);
    long run = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false)
        .noAffinity().build()).id();

    RetentionCampaign campaign = ci.campaigns().retention(RetentionOptions.defaults().withLimit(40));
    assertThat(campaign.runId()).isEqualTo(run);
    List<AtRiskCustomer> atRisk = ci.churn().atRisk(40, 0.5);
    assertThat(campaign.customers()).extracting(CampaignTarget::customerId)
        .containsExactlyElementsOf(atRisk.stream().map(AtRiskCustomer::customerId).toList());
    assertThat(campaign.customers()).hasSize(40);
    BigDecimal atRiskSum = BigDecimal.ZERO;
    BigDecimal recoveredSum = BigDecimal.ZERO;
    BigDecimal previous = null;
    for (CampaignTarget t : campaign.customers()) {
      assertThat(t.churnRisk()).isGreaterThanOrEqualTo(0.5);
      if (previous != null) {
        assertThat(t.valueAtRisk().amount()).isLessThanOrEqualTo(previous);
      }
      previous = t.valueAtRisk().amount();
      NextBestAction nba = ci.actions().next(t.customerId());
      assertThat(t.action()).isEqualTo(nba.action());
      assertThat(t.expectedImpact()).isEqualTo(nba.expectedImpact());
      assertThat(t.arithmetic()).isEqualTo(nba.arithmetic());
      atRiskSum = atRiskSum.add(t.valueAtRisk().amount());
      recoveredSum = recoveredSum.add(t.expectedImpact().amount());
    }
    assertThat(campaign.totals().customers()).isEqualTo(40);
    assertThat(campaign.totals().valueAtRisk().amount()).isEqualByComparingTo(atRiskSum);
    assertThat(campaign.totals().expectedRecoveredValue().amount()).isEqualByComparingTo(recoveredSum);
    assertThat(campaign.totals().expectedRecoveredValue().amount()).isPositive();
    // The most valuable at-risk customers are worth a win-back at the default uplift, 15 % of their value at risk.
    CampaignTarget first = campaign.customers().get(0);
    assertThat(first.expectedImpact().amount()).isEqualByComparingTo(
        first.valueAtRisk().amount().multiply(new BigDecimal("0.15")).setScale(2, java.math.RoundingMode.HALF_EVEN));

    // A higher level lists a subset; another policy changes the impact.
    RetentionCampaign high = ci.campaigns().retention(RetentionOptions.defaults().withMinimumChurnRisk(0.9));
    assertThat(high.customers()).allSatisfy(t -> assertThat(t.churnRisk()).isGreaterThanOrEqualTo(0.9));
    RetentionCampaign generous = ci.campaigns().retention(RetentionOptions.defaults().withLimit(40)
        .withPolicy(ActionPolicy.defaults().withWinBack(0.5, 0.30)));
    assertThat(generous.totals().expectedRecoveredValue().amount())
        .isGreaterThan(campaign.totals().expectedRecoveredValue().amount());
    assertThat(generous.totals().valueAtRisk()).isEqualTo(campaign.totals().valueAtRisk());
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> RetentionOptions.defaults().withLimit(0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> RetentionOptions.defaults().withLimit(1_001))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> RetentionOptions.defaults().withMinimumChurnRisk(1.5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minimumChurnRisk");
  }
}
