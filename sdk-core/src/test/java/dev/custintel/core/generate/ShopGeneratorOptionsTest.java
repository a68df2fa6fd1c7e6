package dev.custintel.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options: defaults, ranges and the exact errors for bad values. */
class ShopGeneratorOptionsTest {

  @Test
  void customers_zero_rejectedNamingCustomers() {
    assertThatThrownBy(() -> ShopGenerator.builder().customers(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid customers: must be between 1 and 10000000 (was 0)")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("customers");
  }

  @Test
  void customers_aboveTenMillion_rejectedNamingCustomers() {
    assertThatThrownBy(() -> ShopGenerator.builder().customers(10_000_001))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("customers");
  }

  @Test
  void months_zero_rejectedNamingMonths() {
    assertThatThrownBy(() -> ShopGenerator.builder().months(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid months: must be between 1 and 120 (was 0)")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("months");
  }

  @Test
  void months_above120_rejectedNamingMonths() {
    assertThatThrownBy(() -> ShopGenerator.builder().months(121))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("months");
  }

  @Test
  void generate_batchSizeZero_rejectedNamingBatchSize() {
    ShopGenerator gen = ShopGenerator.builder().customers(10).build();
    assertThatThrownBy(() -> gen.generate(0, batch -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid batchSize: must be between 1 and 100000 (was 0)")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("batchSize");
  }

  @Test
  void generate_nullSink_throwsNpeNamingSink() {
    ShopGenerator gen = ShopGenerator.builder().customers(10).build();
    assertThatThrownBy(() -> gen.generate(10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sink");
  }

  @Test
  void seed_extremeValues_accepted() {
    List<IngestBatch> batches = new ArrayList<>();
    GeneratedShop shop =
        ShopGenerator.builder().seed(Long.MIN_VALUE).customers(3).build().generate(100, batches::add);
    assertThat(shop.customers()).isEqualTo(3);
    assertThat(ShopGenerator.builder().seed(Long.MAX_VALUE).build().seed()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void otherOptions_badValues_rejectedNamingTheField() {
    // A null argument is a programming error: NullPointerException naming the parameter.
    assertThatThrownBy(() -> ShopGenerator.builder().end(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("end");
    assertThatThrownBy(() -> ShopGenerator.builder().currency(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("currency");
    assertThatThrownBy(() -> ShopGenerator.builder().returnRate(0.6))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid returnRate: must be between 0 and 0.5 (was 0.6)");
    assertThatThrownBy(() -> new BgNbdParameters(0.0, 13.0, 1.5, 30.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid r: must be a finite number greater than 0 (was 0.0)");
    assertThatThrownBy(() -> new SpendParameters(6.25, 3.74, Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid gamma: must be a finite number greater than 0 (was NaN)");
  }

  @Test
  void builder_noOptions_documentedDefaults() {
    ShopGenerator gen = ShopGenerator.builder().build();
    assertThat(gen.seed()).isEqualTo(1L);
    assertThat(gen.customers()).isEqualTo(10_000);
    assertThat(gen.end()).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(gen.months()).isEqualTo(24);
    assertThat(gen.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(gen.purchaseProcess()).isEqualTo(new BgNbdParameters(0.7, 13.0, 1.5, 30.0));
    assertThat(gen.spend()).isEqualTo(new SpendParameters(6.25, 3.74, 15.44));
    assertThat(gen.returnRate()).isEqualTo(0.03);
    assertThat(gen.seasonal()).isTrue();
  }

  @Test
  void unitPrice_unknownProduct_rejectedNamingProductId() {
    ShopGenerator gen = ShopGenerator.builder().build();
    assertThatThrownBy(() -> gen.unitPrice("P-9999"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid productId: is not in the catalog (was 'P-9999')");
  }
}
