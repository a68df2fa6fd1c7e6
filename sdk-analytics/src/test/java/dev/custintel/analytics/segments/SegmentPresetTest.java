package dev.custintel.analytics.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentPresetTest {

  @Test
  void rfGrid_isTheSpecGrid() {
    SegmentPreset p = SegmentPreset.rfGrid();
    // every cell of the grid in the analytics reference, whatever M is
    String[][] expected = {
      // F = 1           2                     3                     4            5
      {"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"}, // R 1
      {"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"}, // R 2
      {"about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"}, // R 3
      {"promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"}, // R 4
      {"new", "potential_loyalist", "potential_loyalist", "champions", "champions"}, // R 5
    };
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          assertThat(p.segmentOf(r, f, m)).as("R%d F%d M%d", r, f, m).isEqualTo(expected[r - 1][f - 1]);
        }
      }
    }
    assertThat(p.id()).isEqualTo("rf-grid");
    assertThat(p.scale()).isEqualTo(5);
  }

  @Test
  void shopify_followsItsDocumentedGrid_andHasElevenGroups() {
    SegmentPreset p = SegmentPreset.shopify();
    assertThat(p.segments()).extracting(SegmentRule::name).containsExactly("champions", "loyal", "active", "new",
        "promising", "needs_attention", "previously_loyal", "at_risk", "almost_lost", "dormant", "prospects");
    // the Javadoc's table, by R and F + M
    String[] fm2to10R5 = {"new", "new", "new", "active", "active", "active", "champions", "champions", "champions"};
    String[] fm2to10R4 = {"promising", "promising", "promising", "active", "active", "loyal", "loyal", "champions",
        "champions"};
    String[] fm2to10R3 = {"needs_attention", "needs_attention", "needs_attention", "needs_attention",
        "needs_attention", "loyal", "loyal", "loyal", "loyal"};
    String[] fm2to10R2 = {"almost_lost", "almost_lost", "almost_lost", "at_risk", "at_risk", "at_risk",
        "previously_loyal", "previously_loyal", "previously_loyal"};
    String[] fm2to10R1 = {"dormant", "dormant", "dormant", "almost_lost", "almost_lost", "almost_lost",
        "previously_loyal", "previously_loyal", "previously_loyal"};
    String[][] byR = {fm2to10R1, fm2to10R2, fm2to10R3, fm2to10R4, fm2to10R5};
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          assertThat(p.segmentOf(r, f, m)).as("R%d F%d M%d", r, f, m).isEqualTo(byR[r - 1][f + m - 2]);
        }
      }
    }
  }

  @Test
  void klaviyo_scoresOneToThree_333IsChampions_111IsInactive() {
    SegmentPreset p = SegmentPreset.klaviyo();
    assertThat(p.scale()).isEqualTo(3);
    assertThat(p.segments()).extracting(SegmentRule::name)
        .containsExactly("champions", "loyal", "recent", "needs_attention", "at_risk", "inactive");
    assertThat(p.segmentOf(3, 3, 3)).isEqualTo("champions");
    assertThat(p.segmentOf(1, 1, 1)).isEqualTo("inactive");
    assertThat(p.segmentOf(3, 3, 2)).isEqualTo("loyal");
    assertThat(p.segmentOf(2, 3, 1)).isEqualTo("loyal");
    assertThat(p.segmentOf(3, 1, 3)).isEqualTo("recent");
    assertThat(p.segmentOf(2, 2, 3)).isEqualTo("needs_attention");
    assertThat(p.segmentOf(1, 3, 3)).isEqualTo("at_risk");
    assertThatThrownBy(() -> p.segmentOf(4, 1, 1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("r");
  }

  @Test
  void everyBuiltInSegmentIsReachable() {
    for (SegmentPreset p : SegmentPreset.builtIn()) {
      Set<String> reached = new HashSet<>();
      for (int r = 1; r <= p.scale(); r++) {
        for (int f = 1; f <= p.scale(); f++) {
          for (int m = 1; m <= p.scale(); m++) {
            reached.add(p.segmentOf(r, f, m));
          }
        }
      }
      p.prospects().ifPresent(s -> reached.add(s.name()));
      assertThat(reached).as(p.id()).containsExactlyInAnyOrderElementsOf(
          p.segments().stream().map(SegmentRule::name).toList());
    }
  }

  @Test
  void customPreset_firstMatchWins_andOtherwiseTakesTheRest() {
    SegmentPreset p = SegmentPreset.builder("vip-tiers", 2)
        .segment("vip", "Top spenders who bought lately", (r, f, m) -> m == 5 && r >= 4)
        .segment("lapsed_vip", "Top spenders gone quiet", (r, f, m) -> m == 5)
        .otherwise("everyone_else", "All other customers")
        .build();
    assertThat(p.segmentOf(5, 1, 5)).isEqualTo("vip");
    assertThat(p.segmentOf(1, 5, 5)).isEqualTo("lapsed_vip");
    assertThat(p.segmentOf(5, 5, 4)).isEqualTo("everyone_else");
    assertThat(p).hasToString("vip-tiers v2");
  }

  @Test
  void customPreset_thatLeavesScoresOut_failsNamingThem() {
    assertThatThrownBy(() -> SegmentPreset.builder("gaps", 1)
            .segment("best", "R 5", (r, f, m) -> r == 5).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("R 1, F 1, M 1")
        .hasMessageContaining("otherwise");
  }

  @Test
  void names_areChecked() {
    assertThatThrownBy(() -> SegmentPreset.builder("Bad Id", 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("preset");
    assertThatThrownBy(() -> SegmentPreset.builder("ok", 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> SegmentPreset.builder("ok", 1).segment("Champions", "x", (r, f, m) -> true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("snake case");
    assertThatThrownBy(() -> SegmentPreset.builder("ok", 1).segment("x'; DROP TABLE t; --", "x", (r, f, m) -> true))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SegmentPreset.builder("ok", 1)
            .segment("a", "x", (r, f, m) -> r > 2).segment("a", "y", (r, f, m) -> true).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
  }

  @Test
  void parse_acceptsTheCliSpellings() {
    assertThat(SegmentPreset.parse("rf-grid")).isSameAs(SegmentPreset.rfGrid());
    assertThat(SegmentPreset.parse("RF_GRID")).isSameAs(SegmentPreset.rfGrid());
    assertThat(SegmentPreset.parse("Shopify")).isSameAs(SegmentPreset.shopify());
    assertThat(SegmentPreset.parse("klaviyo")).isSameAs(SegmentPreset.klaviyo());
    assertThatThrownBy(() -> SegmentPreset.parse("rfm"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rf-grid, shopify or klaviyo");
  }
}
