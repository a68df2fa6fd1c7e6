package dev.custintel.core.internal.imports;

import dev.custintel.core.imports.RejectedRow;

/** Receives what an {@link OrderFileParser} reads. Not API. */
public interface ParsedOrderSink {

  /** One data row (not the header) was read. */
  void rowRead();

  /**
   * A complete, valid order.
   *
   * @param order the order with its customer and products
   */
  void order(ParsedOrder order);

  /**
   * A malformed row (in strict mode this fails the import).
   *
   * @param row line, field and reason
   */
  void rejected(RejectedRow row);

  /**
   * A well-formed row that cannot be imported, such as one without a customer id.
   *
   * @param row line, field and reason
   */
  void skipped(RejectedRow row);
}
