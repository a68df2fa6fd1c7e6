package dev.custintel.analytics.clv.internal;

/**
 * A hash key for a customer summary: a frequency and up to two times. Records hash doubles by
 * {@code bits ^ (bits >>> 32)}, which for times that are whole days divided by 7 leaves the low bits nearly
 * constant, so hash maps of hundreds of thousands of summaries degrade into trees; this key mixes every bit
 * (the 64-bit finaliser of MurmurHash3, a published constant set). Not API.
 *
 * @param x the frequency
 * @param first the first time (for example the recency)
 * @param second the second time (for example the age)
 */
public record SummaryKey(int x, double first, double second) {

  @Override
  public int hashCode() {
    long h = mix(Double.doubleToLongBits(first) * 31 + x);
    h = mix(h ^ Double.doubleToLongBits(second));
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SummaryKey k && k.x == x
        && Double.doubleToLongBits(k.first) == Double.doubleToLongBits(first)
        && Double.doubleToLongBits(k.second) == Double.doubleToLongBits(second);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
