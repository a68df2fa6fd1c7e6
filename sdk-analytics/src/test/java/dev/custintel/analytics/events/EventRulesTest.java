package dev.custintel.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRulesTest {
  @Test
  void defaults_churnAtHighRiskWithAGap_topFivePercent_segmentChanges() {
    EventRules d = EventRules.defaults();
    assertThat(d.churnEnter()).isEqualTo(0.8);
    assertThat(d.churnExit()).isEqualTo(0.7);
    assertThat(d.valueEnterTopPercent()).isEqualTo(5.0);
    assertThat(d.valueExitTopPercent()).isEqualTo(10.0);
    assertThat(d.valueEnterAmount()).isNull();
    assertThat(d.segmentChanges()).isTrue();
    EventRules none = EventRules.none();
    assertThat(none.churnEnter()).isNull();
    assertThat(none.valueEnterTopPercent()).isNull();
    assertThat(none.segmentChanges()).isFalse();
  }

  @Test
  void badLevels_areRefused_namingTheField() {
    assertThatThrownBy(() -> EventRules.builder().churnRisk(0.7, 0.8).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("churnExit");
    assertThatThrownBy(() -> EventRules.builder().churnRisk(1.2, 0.8).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("churnEnter");
    assertThatThrownBy(() -> EventRules.builder().churnRisk(Double.NaN, 0.1).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("churnEnter");
    assertThatThrownBy(() -> EventRules.builder().highValueAbove(100, 120).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("valueExitAmount");
    assertThatThrownBy(() -> EventRules.builder().highValueAbove(0, 0).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("valueEnterAmount");
    assertThatThrownBy(() -> EventRules.builder().highValueTopPercent(10, 5).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("valueExitTopPercent");
    assertThatThrownBy(() -> EventRules.builder().highValueTopPercent(0, 5).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("valueEnterTopPercent");
    assertThatThrownBy(() -> new EventRules(0.8, 0.7, 100.0, 90.0, 5.0, 10.0, true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("choose one");
  }

  @Test
  void amountsReplaceTopPercent_andBack() {
    EventRules amount = EventRules.builder().highValueAbove(2_000, 1_800).build();
    assertThat(amount.valueEnterAmount()).isEqualTo(2_000.0);
    assertThat(amount.valueEnterTopPercent()).isNull();
    EventRules top = EventRules.builder().highValueAbove(2_000, 1_800).highValueTopPercent(1, 2).build();
    assertThat(top.valueEnterAmount()).isNull();
    assertThat(top.valueEnterTopPercent()).isEqualTo(1.0);
  }

  @Test
  void queries_validateTheirFields() {
    assertThatThrownBy(() -> EventQuery.after(-1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("afterId");
    assertThatThrownBy(() -> EventQuery.after(0).withLimit(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> EventQuery.after(0).withLimit(EventQuery.MAX_LIMIT + 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> EventQuery.after(0).withCustomer(" ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("customerId");
    assertThat(EventQuery.after(3).withTypes(Set.of(EventType.SEGMENT_CHANGED)).types())
        .containsExactly(EventType.SEGMENT_CHANGED);
  }

  @Test
  void typesHaveSnakeCaseWireNames() {
    assertThat(EventType.CHURN_RISK_ALERT.wireName()).isEqualTo("churn_risk_alert");
    assertThat(EventType.fromWireName("HIGH_VALUE_CUSTOMER")).isEqualTo(EventType.HIGH_VALUE_CUSTOMER);
    assertThat(EventType.fromWireName(" segment_changed ")).isEqualTo(EventType.SEGMENT_CHANGED);
    assertThatThrownBy(() -> EventType.fromWireName("churn")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("type").hasMessageContaining("'churn'");
  }
}
