package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive grouping table against a LinkedHashMap of record keys; the decimal conversion against the JDK's. */
class SummaryTableTest {
  record Key(int x, double a, double b) {}

  @Test
  void groupsLikeALinkedHashMap_inFirstSeenOrder_withCounts() {
    SplittableRandom random = new SplittableRandom(3);
    SummaryTable table = new SummaryTable(4); // grows and rehashes many times
    Map<Key, Long> expected = new LinkedHashMap<>();
    List<Integer> groups = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      // Days over 7 (the hash-hostile case), a few zero and negative-zero values, repeated keys.
      int x = random.nextInt(20);
      double a = x == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(700) / 7.0;
      double b = random.nextInt(300) / 7.0;
      long w = 1 + random.nextInt(3);
      groups.add(table.add(x, a, b, w));
      expected.merge(new Key(x, a, b), w, Long::sum);
    }
    assertThat(table.size()).isEqualTo(expected.size());
    int g = 0;
    for (Map.Entry<Key, Long> e : expected.entrySet()) {
      assertThat(table.x(g)).isEqualTo(e.getKey().x());
      assertThat(Double.doubleToLongBits(table.first(g))).isEqualTo(Double.doubleToLongBits(e.getKey().a()));
      assertThat(table.second(g)).isEqualTo(e.getKey().b());
      assertThat(table.count(g)).isEqualTo(e.getValue());
      g++;
    }
    // add() returned the group of each entry.
    assertThat(groups.get(0)).isZero();
    assertThat(groups).allMatch(i -> i >= 0 && i < table.size());
  }

  @Test
  void forDistinct_groupsAsTheGrowingTable() {
    SplittableRandom random = new SplittableRandom(9);
    SummaryTable sized = SummaryTable.forDistinct(50_000);
    SummaryTable growing = new SummaryTable(1);
    for (int i = 0; i < 60_000; i++) {
      // Amounts with a few repeats, and more entries than the table was sized for.
      int x = 1 + random.nextInt(5);
      double spend = random.nextInt(10) == 0 ? 10.0 : random.nextDouble() * 100;
      assertThat(sized.add(x, spend, 0.0, 1)).isEqualTo(growing.add(x, spend, 0.0, 1));
    }
    assertThat(sized.size()).isEqualTo(growing.size()).isGreaterThan(50_000);
    for (int g = 0; g < sized.size(); g++) {
      assertThat(sized.x(g)).isEqualTo(growing.x(g));
      assertThat(sized.first(g)).isEqualTo(growing.first(g));
      assertThat(sized.count(g)).isEqualTo(growing.count(g));
    }
  }

  @Test
  void decimalsToDouble_isTheNearestDouble_likeTheJdk() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      BigDecimal d = new BigDecimal(BigInteger.valueOf(random.nextLong(1_000_000_000_000_000L)), random.nextInt(0, 19));
      assertThat(Decimals.toDouble(d)).as("%s", d).isEqualTo(d.doubleValue());
      assertThat(Decimals.toDouble(d.negate())).isEqualTo(d.negate().doubleValue());
    }
    // Unscaled values above 2^53 (16 to 19 digits, as DECIMAL64 means often give): the boundary of the fast path.
    for (int i = 0; i < 100_000; i++) {
      long unscaled = random.nextLong(1L << 53, Long.MAX_VALUE);
      BigDecimal d = new BigDecimal(BigInteger.valueOf(unscaled), random.nextInt(0, 23));
      assertThat(Decimals.toDouble(d)).as("%s", d).isEqualTo(d.doubleValue());
      assertThat(Decimals.toDouble(d.negate())).isEqualTo(d.negate().doubleValue());
    }
    // Midpoints between neighbouring doubles, where ties go to the even one: 2^53 + 1 and 2^54 + 2, 2^54 + 6.
    for (long unscaled : new long[] {(1L << 53) + 1, (1L << 54) + 2, (1L << 54) + 6, (1L << 62) + (1L << 9)}) {
      for (int scale = 0; scale < 3; scale++) {
        BigDecimal d = new BigDecimal(BigInteger.valueOf(unscaled), scale);
        assertThat(Decimals.toDouble(d)).as("%s", d).isEqualTo(d.doubleValue());
      }
    }
    // The edges of the long path: 2^53 and its neighbours, 18 and 19 digits, the largest scales, beyond a long.
    long[] edges = {(1L << 53) - 1, 1L << 53, (1L << 53) + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
        Long.MAX_VALUE, 0, 1};
    for (long unscaled : edges) {
      for (int scale : new int[] {0, 1, 2, 4, 17, 18, 19, 22, 23}) {
        for (BigInteger u : List.of(BigInteger.valueOf(unscaled), BigInteger.valueOf(unscaled).negate(),
            BigInteger.valueOf(unscaled).shiftLeft(3))) {
          BigDecimal d = new BigDecimal(u, scale);
          assertThat(Decimals.toDouble(d)).as("%s", d).isEqualTo(d.doubleValue());
        }
      }
    }
    for (String s : new String[] {"0", "22.345", "0.0001", "1E+3", "123456789012345678901234.5", "1E-30", "19.9900"}) {
      BigDecimal d = new BigDecimal(s);
      assertThat(Decimals.toDouble(d)).as(s).isEqualTo(d.doubleValue());
    }
  }
}
