package dev.custintel.core.internal.ingest;

import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A content hash of an order: customer, time, currency, kind and lines, with amounts compared by value (12.5 and
 * 12.50 hash alike). Base64 of the first 24 bytes of SHA-256: 32 characters. Not API.
 */
final class OrderHash {
  /** One digest per thread: {@code MessageDigest.getInstance} looks the algorithm up among the providers. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(OrderHash::sha256);

  private OrderHash() {}

  static String of(Order o) {
    byte[] digest = SHA_256.get().digest(canonical(o));
    return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
  }

  /**
   * The content that {@link #of} hashes, as UTF-8: customer, instant, currency, kind, then each line's product,
   * quantity and amount by value, separated by unit and record separators.
   *
   * @param o the order, normalised as {@link PreparedBatch#normalise} does
   * @return the bytes
   */
  static byte[] canonical(Order o) {
    StringBuilder s = new StringBuilder(64 + 32 * o.lines().size());
    s.append(o.customerId()).append('\u001f')
        .append(o.placedAt().getEpochSecond()).append('.').append(o.placedAt().getNano()).append('\u001f')
        .append(o.currency().getCurrencyCode()).append('\u001f')
        .append(o.kind().name());
    for (OrderLine line : o.lines()) {
      s.append('\u001e').append(line.productId())
          .append('\u001f').append(line.quantity())
          .append('\u001f').append(line.amount().stripTrailingZeros().toPlainString());
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
