package dev.custintel.core.internal.imports;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Reads one CSV layout into orders, streaming. Not API.
 *
 * <p>Implementations call the sink once per data row read ({@link ParsedOrderSink#rowRead()}), once per complete
 * order ({@link ParsedOrderSink#order(ParsedOrder)}), and once per rejected or skipped row, in file order as far
 * as the layout allows. They hold at most one order's rows in memory, except where the layout does not keep an
 * order's rows together (then at most the open orders' rows).
 */
public interface OrderFileParser {

  /**
   * @param file the file to read
   * @param zone zone for local dates and times
   * @param sink receives orders and rejections
   * @throws dev.custintel.core.InvalidInputException if the file is empty, unreadable as text, or its header does
   *     not match the layout (field {@code "file"} or the missing column)
   * @throws java.io.UncheckedIOException if reading fails
   */
  void parse(Path file, ZoneId zone, ParsedOrderSink sink);
}
