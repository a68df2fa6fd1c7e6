package dev.custintel.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and options, same bytes; a different seed, different data; batch size changes nothing. */
class ShopGeneratorDeterminismTest {
  private static final int CUSTOMERS = 1_500;

  @Test
  void generate_sameSeedTwice_identicalOutput() {
    Run first = run(42L, 500);
    Run second = run(42L, 500);
    assertThat(second.digest).isEqualTo(first.digest);
    assertThat(second.shop).isEqualTo(first.shop);
  }

  @Test
  void generate_differentSeed_differentOutput() {
    Run first = run(42L, 500);
    Run other = run(43L, 500);
    assertThat(other.digest.split("/")[2]).isNotEqualTo(first.digest.split("/")[2]);
    assertThat(other.digest.split("/")[0]).isNotEqualTo(first.digest.split("/")[0]);
  }

  @Test
  void generate_differentBatchSizes_sameRecordsInSameOrder() {
    Run big = run(42L, 100_000);
    Run small = run(42L, 37);
    Run single = run(42L, 1);
    assertThat(small.digest).isEqualTo(big.digest);
    assertThat(single.digest).isEqualTo(big.digest);
    assertThat(big.shop.batches()).isEqualTo(1);
    assertThat(single.shop.batches()).isEqualTo(single.shop.orders() + single.shop.returns());
    assertThat(small.shop.totalRevenue()).isEqualTo(big.shop.totalRevenue());
  }

  @Test
  void generate_moreCustomers_firstCustomersUnchanged() {
    // Customer i's data comes from its own stream; only the signup month depends on the customer count, so
    // compare one-month shops, where every customer signs up in the same month whatever the count.
    List<Order> few = new ArrayList<>();
    List<Customer> fewCustomers = new ArrayList<>();
    ShopGenerator.builder().seed(5L).customers(50).months(1).build().generate(1_000, batch -> {
      few.addAll(batch.orders());
      fewCustomers.addAll(batch.customers());
    });
    List<Order> many = new ArrayList<>();
    List<Customer> manyCustomers = new ArrayList<>();
    ShopGenerator.builder().seed(5L).customers(80).months(1).build().generate(7, batch -> {
      many.addAll(batch.orders());
      manyCustomers.addAll(batch.customers());
    });
    assertThat(manyCustomers.subList(0, 50)).isEqualTo(fewCustomers);
    assertThat(many.subList(0, few.size())).isEqualTo(few);
    assertThat(many.get(few.size()).customerId()).isEqualTo("C-00000051");
  }

  @Test
  void catalog_sameSeed_identical() {
    assertThat(ShopGenerator.builder().seed(9L).build().catalog())
        .isEqualTo(ShopGenerator.builder().seed(9L).customers(5).build().catalog());
    assertThat(ShopGenerator.builder().seed(9L).build().catalog())
        .isNotEqualTo(ShopGenerator.builder().seed(10L).build().catalog());
  }

  private static Run run(long seed, int batchSize) {
    ShopDigest digest = new ShopDigest();
    GeneratedShop shop = ShopGenerator.builder()
        .seed(seed)
        .customers(CUSTOMERS)
        .end(LocalDate.of(2026, 10, 31))
        .build()
        .generate(batchSize, digest);
    return new Run(digest.digest(), shop);
  }

  private record Run(String digest, GeneratedShop shop) {}
}
