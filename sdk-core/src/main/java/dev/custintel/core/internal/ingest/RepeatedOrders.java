package dev.custintel.core.internal.ingest;

import dev.custintel.core.internal.imports.DigestTable;
import dev.custintel.core.model.Order;

/**
 * Remembers every order id an import has read, with a fingerprint of its latest content and the line it came from,
 * so that an order id that comes back anywhere in the file is recognised (issue 11, D9): the order file layouts keep
 * one order per id, but a file may still give an id twice, such as an orders CSV whose rows of one order are not
 * adjacent or that was concatenated with a corrected copy. Content is compared as the store compares it (the
 * {@link OrderHash} of the order as {@link PreparedBatch} normalises it, which the importer computes once and
 * hands on to the batch's write). Memory is a {@link DigestTable} entry per
 * distinct order id. Not thread-safe. Not API.
 */
final class RepeatedOrders {
  /** What an order is, relative to the orders read before it. */
  enum Seen {
    /** Its id was not read before. */
    FIRST,
    /** Its id was read before with identical content. */
    SAME,
    /** Its id was read before with different content: this later version replaces the earlier one. */
    CHANGED
  }

  private final DigestTable seen = new DigestTable();
  private long previousLine;

  /**
   * Records an order and its content as the latest version of its id.
   *
   * @param order an order read from the file
   * @param fingerprint 64 bits of a hash of its content: {@link #fingerprint(String)} of its {@link OrderHash}
   * @param line the line it starts on, 1 or more
   * @return whether its id is new, repeated with the same content, or repeated with different content
   */
  Seen see(Order order, long fingerprint, long line) {
    int slot = seen.slot(order.id());
    previousLine = seen.second(slot); // 0: not seen before
    long previousFingerprint = seen.first(slot);
    seen.set(slot, fingerprint, Math.max(1, line));
    if (previousLine == 0) {
      return Seen.FIRST;
    }
    return previousFingerprint == fingerprint ? Seen.SAME : Seen.CHANGED;
  }

  /**
   * @param hash an {@link OrderHash}: unpadded base64 of at least 11 characters
   * @return its first 8 bytes as a big-endian long, decoded from its first 11 characters (66 bits) without
   *     decoding the whole hash into a new array
   */
  static long fingerprint(String hash) {
    long v = 0;
    for (int i = 0; i < 10; i++) {
      v = (v << 6) | sextet(hash.charAt(i));
    }
    return (v << 4) | (sextet(hash.charAt(10)) >>> 2);
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+') {
      return 62;
    }
    if (c == '/') {
      return 63;
    }
    throw new IllegalArgumentException("not a base64 character: '" + c + "'");
  }

  /** @return the line of the previous version of the order last passed to {@link #see}, 0 if it had none */
  long previousLine() {
    return previousLine;
  }
}
