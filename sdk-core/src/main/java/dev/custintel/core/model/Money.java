package dev.custintel.core.model;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency. Amounts keep their exact decimal value; arithmetic between different
 * currencies is refused.
 *
 * @param amount the amount, in units of the currency (for example 12.50 for twelve euros fifty)
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) {

  /** Validates that neither part is null. */
  public Money {
    Checks.notNull(amount, "amount");
    Checks.notNull(currency, "currency");
  }

  /**
   * @param amount amount in units of the currency, such as {@code "12.50"}
   * @param currencyCode ISO 4217 code such as {@code "EUR"}
   * @return the money value
   * @throws InvalidInputException if the code is not an ISO 4217 currency or the amount is not a number
   */
  public static Money of(String amount, String currencyCode) {
    BigDecimal value;
    try {
      value = new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw InvalidInputException.argument("amount", "is not a decimal number (was '" + amount + "')");
    }
    return new Money(value, currency(currencyCode));
  }

  /**
   * @param amount the amount
   * @param currency the currency
   * @return the money value
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * @param currency the currency
   * @return zero in that currency
   */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * Parses an ISO 4217 code.
   *
   * @param code such as {@code "USD"}
   * @return the currency
   * @throws InvalidInputException if the code is unknown
   */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(Checks.notNull(code, "currency"));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.argument("currency", "is not an ISO 4217 currency code (was '" + code + "')");
    }
  }

  /**
   * @param other money in the same currency
   * @return the sum
   * @throws InvalidInputException if the currencies differ
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * @param other money in the same currency
   * @return this minus other
   * @throws InvalidInputException if the currencies differ
   */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * Divides, rounding half-even to the currency's minor unit (see {@link #minorUnitDigits}).
   *
   * @param divisor a positive count
   * @return the quotient
   */
  public Money dividedBy(long divisor) {
    Checks.positive((int) Math.min(divisor, Integer.MAX_VALUE), "divisor");
    return new Money(
        amount.divide(BigDecimal.valueOf(divisor), minorUnitDigits(currency), RoundingMode.HALF_EVEN), currency);
  }

  /**
   * A computed figure (such as a model's lifetime value) as money: the double is read as its shortest decimal form
   * (so 10.125 is 10.125, not the binary double's 10.12499...) and rounded half-even to the currency's minor unit.
   * This and {@link #dividedBy} are the SDK's one rounding rule for money.
   *
   * @param value a finite amount
   * @param currency the currency
   * @return the money
   * @throws InvalidInputException naming {@code value} when it is not finite
   */
  public static Money rounded(double value, Currency currency) {
    Objects.requireNonNull(currency, "currency");
    if (!Double.isFinite(value)) {
      throw InvalidInputException.argument("value", "must be a finite amount (was " + value + ")");
    }
    return new Money(
        BigDecimal.valueOf(value).setScale(minorUnitDigits(currency), RoundingMode.HALF_EVEN), currency);
  }

  /**
   * @param currency a currency
   * @return the digits of its minor unit (0 for JPY, 2 for EUR, 3 for BHD), or 2 for a currency that has none
   *     (such as XXX)
   */
  public static int minorUnitDigits(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    return digits < 0 ? 2 : digits;
  }

  /** @return the amount with trailing zeros removed beyond the currency's minor unit, for display */
  public Money normalized() {
    int minScale = Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal stripped = amount.stripTrailingZeros();
    return new Money(stripped.scale() < minScale ? stripped.setScale(minScale) : stripped, currency);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw InvalidInputException.argument(
          "currency", "must match (" + currency.getCurrencyCode() + " vs " + other.currency.getCurrencyCode() + ")");
    }
  }

  @Override
  public String toString() {
    return normalized().amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
