package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The repeat check's fingerprints: for a database import the first 8 bytes of the order hash, read without decoding
 * all of it; for an import into memory a keyed hash of the same content.
 */
class RepeatedOrdersTest {

  @Test
  void fingerprint_isTheFirstEightBytesOfTheDecodedHash() {
    SplittableRandom random = new SplittableRandom(17);
    byte[] bytes = new byte[24];
    for (int k = 0; k < 100_000; k++) {
      random.nextBytes(bytes);
      if (k < 256) { // every value of the first and the eighth byte, where the 64 bits start and end
        bytes[0] = (byte) k;
        bytes[7] = (byte) k;
      }
      String hash = Base64.getEncoder().withoutPadding().encodeToString(bytes);
      assertThat(RepeatedOrders.fingerprint(hash)).as(hash).isEqualTo(ByteBuffer.wrap(bytes).getLong());
    }
  }

  @Test
  void contentFingerprint_sameForTheSameContentAsTheStoreComparesIt_otherwiseDifferent() {
    Order order = order("12.5", "c1", "p1");

    assertThat(fingerprint(order))
        .isEqualTo(fingerprint(order("12.50", "c1", "p1")))
        .isNotEqualTo(fingerprint(order("12.51", "c1", "p1")))
        .isNotEqualTo(fingerprint(order("12.5", "c2", "p1")))
        .isNotEqualTo(fingerprint(order("12.5", "c1", "p2")));
  }

  @Test
  void see_tellsFirstSameAndChangedVersionsApart() {
    RepeatedOrders repeats = new RepeatedOrders();
    Order a = order("10", "c1", "p1");
    Order changed = order("11", "c1", "p1");

    assertThat(repeats.see(a, fingerprint(a), 2)).isEqualTo(RepeatedOrders.Seen.FIRST);
    assertThat(repeats.see(a, fingerprint(a), 5)).isEqualTo(RepeatedOrders.Seen.SAME);
    assertThat(repeats.previousLine()).isEqualTo(2);
    assertThat(repeats.see(changed, fingerprint(changed), 9)).isEqualTo(RepeatedOrders.Seen.CHANGED);
    assertThat(repeats.previousLine()).isEqualTo(5);
  }

  /** The fingerprint the importer gives an order: of its {@link OrderHash}, normalised as the store does. */
  private static long fingerprint(Order order) {
    return RepeatedOrders.fingerprint(OrderHash.of(PreparedBatch.normalise(order)));
  }

  private static Order order(String amount, String customer, String product) {
    return Order.purchase("o-1", customer, Instant.parse("2024-03-01T10:15:30.123456Z"), Money.currency("EUR"),
        List.of(new OrderLine(product, 2, new BigDecimal(amount))));
  }
}
