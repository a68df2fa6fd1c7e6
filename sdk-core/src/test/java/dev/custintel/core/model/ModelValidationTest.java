package dev.custintel.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static void assertInvalid(Runnable r, String field, String reasonPart) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.reason()).contains(reasonPart);
          assertThat(e.getMessage()).startsWith("Invalid ");
        });
  }

  @Test
  void orderLine_badValues_nameTheField() {
    assertInvalid(() -> new OrderLine("P", 0, BigDecimal.ONE), "quantity", "greater than 0 (was 0)");
    assertInvalid(() -> new OrderLine("P", 1, new BigDecimal("-0.01")), "amount", "negative");
    assertInvalid(() -> new OrderLine("P", 1, new BigDecimal("1.00001")), "amount", "4 decimal places");
    assertInvalid(() -> new OrderLine("P", 1, new BigDecimal("1e15")), "amount", "less than 10^15");
    assertInvalid(() -> new OrderLine(" P", 1, BigDecimal.ONE), "productId", "whitespace");
    assertInvalid(() -> new OrderLine("x".repeat(65), 1, BigDecimal.ONE), "productId", "at most 64");
    // trailing zeros beyond 4 places are still an exact 4-place amount
    assertThat(new OrderLine("P", 3, new BigDecimal("1.500000")).unitPrice()).isEqualByComparingTo("0.5");
  }

  @Test
  void order_withoutLinesOrWithNullLine_isRefusedNamingTheOrder() {
    assertInvalid(() -> Order.purchase("O1", "C1", T, EUR, List.of()), "lines", "at least one line");
    List<OrderLine> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> Order.purchase("O1", "C1", T, EUR, withNull))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid order 'O1': lines[0] is required");
    assertInvalid(() -> Order.purchase("", "C1", T, EUR, List.of(new OrderLine("P", 1, BigDecimal.ONE))), "id",
        "blank");
  }

  @Test
  void order_totalsAndCopies_areExact() {
    List<OrderLine> lines = new ArrayList<>(List.of(
        OrderLine.ofUnitPrice("P", 3, new BigDecimal("0.10")), new OrderLine("Q", 2, new BigDecimal("0.20"))));
    Order o = Order.purchase("O1", "C1", T, EUR, lines);
    lines.clear();
    assertThat(o.lines()).hasSize(2);
    assertThat(o.total()).isEqualTo(new Money(new BigDecimal("0.50"), EUR));
    assertThat(o.itemCount()).isEqualTo(5);
  }

  @Test
  void money_arithmetic_refusesMixedCurrencies() {
    Money a = Money.of("10.00", "EUR");
    assertThat(a.plus(Money.of("2.5", "EUR")).toString()).isEqualTo("12.50 EUR");
    assertThat(a.minus(Money.of("0.01", "EUR")).amount()).isEqualByComparingTo("9.99");
    assertThat(a.dividedBy(3).amount()).isEqualByComparingTo("3.33");
    assertThat(Money.zero(EUR).toString()).isEqualTo("0.00 EUR");
    assertInvalid(() -> a.plus(Money.of("1", "USD")), "currency", "must match (EUR vs USD)");
    assertInvalid(() -> Money.of("1", "EURO"), "currency", "ISO 4217");
    assertInvalid(() -> Money.of("ten", "EUR"), "amount", "not a decimal number");
  }

  @Test
  void money_rounding_isTheCurrencysMinorUnitHalfEvenEverywhere() {
    // Division and model figures follow one rule: half-even to the currency's minor unit.
    assertThat(Money.of("10", "JPY").dividedBy(3)).isEqualTo(Money.of("3", "JPY"));
    assertThat(Money.of("10", "BHD").dividedBy(3)).isEqualTo(Money.of("3.333", "BHD"));
    assertThat(Money.of("0.125", "EUR").dividedBy(1)).isEqualTo(Money.of("0.12", "EUR"));
    assertThat(Money.rounded(10.125, EUR)).isEqualTo(Money.of("10.12", "EUR")); // shortest decimal form, half even
    assertThat(Money.rounded(10.135, EUR)).isEqualTo(Money.of("10.14", "EUR"));
    assertThat(Money.rounded(1500.4, java.util.Currency.getInstance("JPY"))).isEqualTo(Money.of("1500", "JPY"));
    assertThat(Money.rounded(2.0005, java.util.Currency.getInstance("BHD"))).isEqualTo(Money.of("2.000", "BHD"));
    // A currency without a minor unit (XXX: no currency) gets two places.
    assertThat(Money.rounded(1.005, java.util.Currency.getInstance("XXX")).amount()).isEqualByComparingTo("1.00");
    assertThatThrownBy(() -> Money.rounded(Double.NaN, EUR)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("value");
  }

  @Test
  void customerAndProduct_badValues_nameTheField() {
    assertInvalid(() -> new Customer("C1", "x".repeat(321), null, null, null), "email", "at most 320");
    assertInvalid(() -> Customer.of("C1", "c".repeat(65)), "country", "at most 64");
    assertInvalid(() -> Product.of("P1", " ", null), "name", "blank");
    assertInvalid(() -> Product.of("P1", "Beans", "c".repeat(121)), "category", "at most 120");
  }
}
