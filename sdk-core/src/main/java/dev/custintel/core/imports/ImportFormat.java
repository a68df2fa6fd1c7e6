package dev.custintel.core.imports;

import dev.custintel.core.InvalidInputException;
import java.time.ZoneId;
import java.util.Locale;

/** The CSV layouts the importer reads. */
public enum ImportFormat {
  /**
   * The CDNOW transaction log (Fader and Hardie): whitespace-separated {@code customer_id date number_of_cds
   * dollar_value}, date as {@code YYYYMMDD}, an optional header line; the 5-column sample layout ({@code
   * master_id sample_id date number_of_cds dollar_value}, no header) is read too, with the master id as the
   * customer id. Each row is one order in USD of one line of
   * product {@code CDNOW-CD}; rows of one customer and day are kept apart (ids {@code CDNOW-<customer>-<date>-<n>},
   * n counting from 1 in file order the rows of that customer and day anywhere in the file, so the ids are unique
   * whatever the order of the rows). Times are midnight in {@link #defaultZone()} (UTC).
   */
  CDNOW("cdnow", "Z"),
  /**
   * The UCI Online Retail layout ({@code InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
   * CustomerID, Country}), comma- or semicolon-separated (detected from the header; with semicolons, decimals use
   * a comma and dates are {@code DD/MM/YYYY HH:MM}, otherwise {@code M/D/YYYY H:MM}). A leading unnamed index
   * column is ignored. One order per invoice, in GBP; invoices starting with {@code C} are returns. Rows with a
   * blank CustomerID are skipped and reported, never given an invented id. Times are read in Europe/London.
   */
  ONLINE_RETAIL("online-retail", "Europe/London"),
  /**
   * The generic orders CSV, comma-separated with a header naming the columns (any order, case-insensitive):
   * required {@code order_id, customer_id, placed_at, product_id, quantity, currency} and at least one of
   * {@code unit_price} or {@code line_amount} (a filled {@code line_amount} wins over {@code unit_price}); optional
   * {@code kind} (purchase|return), {@code product_name}, {@code category}, {@code country}, {@code email}.
   * {@code placed_at} is an ISO-8601 instant ({@code 2024-03-01T10:15:30Z}), offset date-time, local date-time or
   * date (local ones in the import zone, UTC by default). One row per order line; the rows of one order must be
   * adjacent: an order id whose rows come back later is a second version of that order (see
   * {@link ImportReport#ordersReplaced()}). Fields may be quoted with {@code "}.
   */
  ORDERS_CSV("orders-csv", "Z");

  private final String cliName;
  /**
   * The default zone's id, resolved when asked for: a region such as Europe/London loads the JDK's time-zone
   * database (a file read and a class-path scan for providers, about 8 ms of a cold command that never reads
   * local times).
   */
  private final String defaultZoneId;

  ImportFormat(String cliName, String defaultZoneId) {
    this.cliName = cliName;
    this.defaultZoneId = defaultZoneId;
  }

  /** @return the name used on the command line, such as {@code "online-retail"} */
  public String cliName() {
    return cliName;
  }

  /** @return the zone local times in this layout are read in, unless the options name another */
  public ZoneId defaultZone() {
    return ZoneId.of(defaultZoneId); // "Z" is ZoneOffset.UTC
  }

  /**
   * @param name a command-line name ({@code cdnow}, {@code online-retail}, {@code orders-csv}) or enum name
   * @return the format
   * @throws InvalidInputException if no format has that name
   */
  public static ImportFormat parse(String name) {
    for (ImportFormat f : values()) {
      if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return f;
      }
    }
    throw InvalidInputException.argument(
        "format", "must be one of cdnow, online-retail, orders-csv (was '" + name.toLowerCase(Locale.ROOT) + "')");
  }
}
