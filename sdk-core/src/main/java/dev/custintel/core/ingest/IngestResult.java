package dev.custintel.core.ingest;

/**
 * What one ingestion did.
 *
 * @param ordersInserted orders that were new
 * @param ordersUpdated orders that existed with different content and were replaced
 * @param ordersUnchanged orders that existed with identical content (nothing was written for them)
 * @param customersWritten customer rows inserted or updated (including minimal rows created for orders)
 * @param productsWritten product rows inserted or updated (including minimal rows created for orders)
 * @param orderLinesWritten order lines inserted
 */
public record IngestResult(
    int ordersInserted,
    int ordersUpdated,
    int ordersUnchanged,
    int customersWritten,
    int productsWritten,
    int orderLinesWritten) {

  /** @return a result where nothing happened */
  public static IngestResult empty() {
    return new IngestResult(0, 0, 0, 0, 0, 0);
  }

  /** @return orders inserted or updated */
  public int ordersWritten() {
    return ordersInserted + ordersUpdated;
  }

  /**
   * @param other another result
   * @return the field-wise sum
   */
  public IngestResult plus(IngestResult other) {
    return new IngestResult(
        ordersInserted + other.ordersInserted,
        ordersUpdated + other.ordersUpdated,
        ordersUnchanged + other.ordersUnchanged,
        customersWritten + other.customersWritten,
        productsWritten + other.productsWritten,
        orderLinesWritten + other.orderLinesWritten);
  }
}
