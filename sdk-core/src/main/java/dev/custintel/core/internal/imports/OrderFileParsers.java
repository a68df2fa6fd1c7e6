package dev.custintel.core.internal.imports;

import dev.custintel.core.imports.ImportFormat;
import java.util.Objects;

/** The parser of each {@link ImportFormat}. Not API. */
public final class OrderFileParsers {
  private static final OrderFileParser CDNOW = new CdnowParser();
  private static final OrderFileParser ONLINE_RETAIL = new OnlineRetailParser();
  private static final OrderFileParser ORDERS_CSV = new OrdersCsvParser();

  private OrderFileParsers() {}

  /**
   * @param format a layout
   * @return its parser; parsers keep no state between calls and may be shared between threads
   */
  public static OrderFileParser forFormat(ImportFormat format) {
    Objects.requireNonNull(format, "format");
    return switch (format) {
      case CDNOW -> CDNOW;
      case ONLINE_RETAIL -> ONLINE_RETAIL;
      case ORDERS_CSV -> ORDERS_CSV;
    };
  }
}
