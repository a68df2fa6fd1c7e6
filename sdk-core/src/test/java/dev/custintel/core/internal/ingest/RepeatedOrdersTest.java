package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The repeat check's fingerprint is the first 8 bytes of the order hash, read without decoding all of it. */
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
}
