package dev.custintel.analytics.clv.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Decimal to double without a trip through text. Not API. */
public final class Decimals {
  private static final double[] POWERS_OF_TEN = new double[23];

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
    if (scale >= 0 && scale < POWERS_OF_TEN.length) {
      BigInteger unscaled = value.unscaledValue();
      if (unscaled.bitLength() <= 53) {
        return unscaled.longValue() / POWERS_OF_TEN[scale];
      }
    }
    return value.doubleValue();
  }
}
