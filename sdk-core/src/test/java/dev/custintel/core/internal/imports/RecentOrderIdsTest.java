package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentOrderIdsTest {

  @Test
  void add_beyondCapacity_forgetsTheOldest() {
    RecentOrderIds ids = new RecentOrderIds(2);

    ids.add("a", 2);
    ids.add("b", 3);
    ids.add("c", 5);

    assertThat(ids.lastLineOf("a")).isNull();
    assertThat(ids.lastLineOf("b")).isEqualTo(3L);
    assertThat(ids.lastLineOf("c")).isEqualTo(5L);
    assertThat(ids.size()).isEqualTo(2);
  }
}
