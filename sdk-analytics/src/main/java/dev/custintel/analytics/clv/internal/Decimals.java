package dev.custintel.analytics.clv.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Decimal to double without a trip through text. Not API. */
public final class Decimals {
  private static final double[] POWERS_OF_TEN = new double[23];
  /** Digits of every long below 10^18 in magnitude. */
  private static final int MAX_LONG_DIGITS = 18;
  /** 2^53: integers of smaller magnitude are exact doubles. */
  private static final long EXACT = 1L << 53;

  static {
    double p = 1.0;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10.0;
    }
  }

  private Decimals() {}

  /**
   * The double nearest to {@code value}, as {@link BigDecimal#doubleValue()} returns, but fast for amounts: when
   * the unscaled value is below 2<sup>53</sup> in magnitude (every value of up to 15 digits, and most of 16, such
   * as amounts rounded to {@link java.math.MathContext#DECIMAL64}) and the scale is 0 to 22, both it and the power
   * of ten are exact doubles, so their IEEE quotient is the correctly rounded value. (On Java 17
   * {@code doubleValue()} formats the number as text and parses it back: a few hundred nanoseconds per amount.)
   *
   * @param value a decimal
   * @return the nearest double
   */
  public static double toDouble(BigDecimal value) {
    int scale = value.scale();
    if (scale >= 0 && scale < POWERS_OF_TEN.length && value.precision() <= MAX_LONG_DIGITS) {
      // The unscaled value as a long, exact (fewer than 19 digits): unscaledValue() makes a BigInteger and its array
      // for every amount, 40 MB more for valuing a million customers (ClvScoreBenchmark, -prof gc).
      long u = value.scaleByPowerOfTen(scale).longValueExact();
      if (u >= -EXACT && u < EXACT) { // the unscaled value's bitLength() <= 53, as below
        return u / POWERS_OF_TEN[scale];
      }
      if (scale <= 18) {
        return u > 0 ? nearest(u, scale) : -nearest(-u, scale);
      }
    }
    if (scale >= 0 && scale < POWERS_OF_TEN.length) {
      BigInteger unscaled = value.unscaledValue();
      if (unscaled.bitLength() <= 53) {
        return unscaled.longValue() / POWERS_OF_TEN[scale];
      }
      long u = unscaled.longValue();
      if (unscaled.bitLength() <= 63 && scale <= 18 && u != Long.MIN_VALUE) {
        return u > 0 ? nearest(u, scale) : -nearest(-u, scale);
      }
    }
    return value.doubleValue();
  }

  /**
   * The double nearest to {@code u / 10^scale} (ties to even) for {@code 2^53 ≤ u < 2^63} and a scale of 0 to 18,
   * where {@code u} is not an exact double. The quotient of {@code u} rounded to a double and the exact power of
   * ten is within two units in the last place; it moves to a neighbour while the value lies beyond the midpoint
   * between them, each comparison exact in 128-bit integers. (DECIMAL64 means of 16 digits from 9.007... on take
   * this path; the JDK's text round trip took microseconds for each.)
   */
  private static double nearest(long u, int scale) {
    long power = (long) POWERS_OF_TEN[scale];
    double q = u / POWERS_OF_TEN[scale];
    // above: u / 10^scale against the midpoint between q and the next double up; below: against the one between
    // the next double down and q. Each comparison is made once: when q steps down, the old lower midpoint is the
    // new upper one. Usually q is right and this is two comparisons.
    int above = compareToMidpoint(u, power, q);
    while (above > 0) {
      q = Math.nextUp(q);
      above = compareToMidpoint(u, power, q);
    }
    int below = compareToMidpoint(u, power, Math.nextDown(q));
    while (below < 0) {
      q = Math.nextDown(q);
      above = below;
      below = compareToMidpoint(u, power, Math.nextDown(q));
    }
    // Now u / 10^scale is within half a unit of q; on a midpoint the neighbour with an even significand wins.
    if (above == 0) {
      return even(q, Math.nextUp(q));
    }
    if (below == 0) {
      return even(Math.nextDown(q), q);
    }
    return q;
  }

  /**
   * The sign of {@code u / power − m}, with {@code m} the midpoint between the positive normal double {@code low}
   * and the next one up: {@code m = (2·significand + 1) · 2^(exponent − 53)}, so the comparison is of
   * {@code u · 2^(53 − exponent)} with {@code (2·significand + 1) · power} (or the other way round), both below
   * 2<sup>127</sup> here.
   */
  private static int compareToMidpoint(long u, long power, double low) {
    long bits = Double.doubleToRawLongBits(low);
    long significand = (bits & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L;
    int e = (int) ((bits >>> 52) & 0x7FF) - 1075 - 1; // low = significand · 2^(e + 1); m = (2 sig + 1) · 2^e
    long m = 2 * significand + 1;
    long rightHigh = Math.multiplyHigh(m, power);
    long rightLow = m * power;
    long leftHigh = 0;
    long leftLow = u;
    if (e < 0) {
      int k = -e;
      leftHigh = k >= 64 ? u << (k - 64) : u >>> (64 - k);
      leftLow = k >= 64 ? 0 : u << k;
    } else if (e > 0) {
      rightHigh = (rightHigh << e) | (rightLow >>> (64 - e));
      rightLow = rightLow << e;
    }
    int c = Long.compareUnsigned(leftHigh, rightHigh);
    return c != 0 ? c : Long.compareUnsigned(leftLow, rightLow);
  }

  private static double even(double a, double b) {
    return (Double.doubleToRawLongBits(a) & 1L) == 0 ? a : b;
  }
}
