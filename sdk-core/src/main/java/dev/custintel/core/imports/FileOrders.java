package dev.custintel.core.imports;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.ingest.MemoryImport;
import dev.custintel.core.model.Order;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link dev.custintel.core.ingest.IngestionClient#importFile} would store from a file into an empty store,
 * read into memory instead: for a tool that works on one file and needs no database (such as the command line's
 * {@code clv fit}). The file goes through the same parser, the same handling of bad rows and repeated order ids and
 * the same checks of each batch as an import, so the report and the orders are those of an import of the file into
 * an empty store. The file is read once; a pipe or FIFO works as for an import.
 *
 * <p>Memory is O(orders in the file): every order is held, with its lines.
 *
 * @param report the import's report: rows read, orders read, rejected and skipped rows with their lines, and what
 *     an empty store would have written ({@code ordersWritten}, {@code ordersUnchanged}, {@code ordersReplaced})
 * @param orders the stored version of each order id: the last one in file order (a repeated id with different
 *     content replaces the earlier version, as an import in lenient mode does), in the order in which each id first
 *     appears in the file; instants truncated to microseconds, as a store keeps them
 */
public record FileOrders(ImportReport report, List<Order> orders) {

  /** Copies the orders. */
  public FileOrders {
    Objects.requireNonNull(report, "report");
    orders = List.copyOf(orders);
  }

  /**
   * Reads a file as an import into an empty store would, without a store.
   *
   * @param file the file to read
   * @param format its layout
   * @param options as for an import; the number of writers is ignored (everything runs on the calling thread)
   * @return the report and the orders
   * @throws InvalidInputException as {@link dev.custintel.core.ingest.IngestionClient#importFile}: the file is
   *     empty, unreadable as text, its header does not match the layout, a row is bad in strict mode, or an order
   *     could not be stored (such as lines adding up to 10^15 or more)
   * @throws java.io.UncheckedIOException if reading fails
   */
  public static FileOrders read(Path file, ImportFormat format, ImportOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    return MemoryImport.read(file, format, options);
  }
}
