package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailParserTest {
  private static final ZoneId LONDON = ImportFormat.ONLINE_RETAIL.defaultZone();
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

  private static RecordingSink france;
  private static RecordingSink small;

  @TempDir Path dir;

  private final OrderFileParser parser = new OnlineRetailParser();

  @BeforeAll
  static void parseFiles() {
    Path data = RecordingSink.dataDir().resolve("affinity");
    france = RecordingSink.parse(new OnlineRetailParser(), data.resolve("online_retail_france.csv"), LONDON);
    small = RecordingSink.parse(new OnlineRetailParser(), data.resolve("online_retail_small.csv"), LONDON);
  }

  // Known answers below were computed with python3 (csv module, Decimal) on the raw files: rows grouped by
  // InvoiceNo after dropping rows with a blank CustomerID, amount = abs(Quantity) * UnitPrice.

  @Test
  void parse_franceFile_emitsOneOrderPerInvoiceWithACustomer() {
    // 461 invoices, 3 of them (574918, 575759, 556924) only have rows without a customer -> 458 orders;
    // 69 of them start with C; 87 distinct CustomerIDs (as data/affinity/README.md says).
    assertThat(france.rowsRead).isEqualTo(8_557);
    assertThat(france.orders).hasSize(458);
    assertThat(france.count(OrderKind.RETURN)).isEqualTo(69);
    assertThat(france.customerIds()).hasSize(87).contains("12583").noneMatch(id -> id.contains("."));
    assertThat(france.rejected).isEmpty();
    assertThat(france.orders.stream().mapToLong(o -> o.order().lines().size()).sum()).isEqualTo(8_491);
  }

  @Test
  void parse_franceFile_skipsTheRowsWithoutCustomer() {
    // 66 rows with a blank CustomerID (README says 66 blank; python3 count agrees)
    assertThat(france.skipped).hasSize(66);
    assertThat(france.skipped)
        .allSatisfy(
            r -> {
              assertThat(r.field()).isEqualTo("CustomerID");
              assertThat(r.reason()).isEqualTo("is blank; rows without a customer are not imported");
            });
    assertThat(france.ordersById()).doesNotContainKeys("574918", "575759", "556924");
  }

  @Test
  void parse_franceFile_totalsMatchTheRawRows() {
    // python3: purchases 209024.05, returns 12311.21
    assertThat(france.total(OrderKind.PURCHASE)).isEqualByComparingTo("209024.05");
    assertThat(france.total(OrderKind.RETURN)).isEqualByComparingTo("12311.21");
  }

  @Test
  void parse_franceInvoice_keepsCustomerCountryAndTime() {
    // invoice 536370: lines 2..21, 20 rows, 855.86, "12/1/2010 8:45", 12583.0, France
    ParsedOrder order = france.order("536370");

    assertThat(order.firstLine()).isEqualTo(2);
    assertThat(order.order().lines()).hasSize(20);
    assertThat(order.order().total().amount()).isEqualByComparingTo("855.86");
    assertThat(order.order().placedAt()).isEqualTo(Instant.parse("2010-12-01T08:45:00Z"));
    assertThat(order.order().currency().getCurrencyCode()).isEqualTo("GBP");
    assertThat(order.order().kind()).isEqualTo(OrderKind.PURCHASE);
    assertThat(order.customer()).isEqualTo(Customer.of("12583", "France"));
    assertThat(order.order().lines().get(0)).isEqualTo(new OrderLine("22728", 24, new BigDecimal("90.00")));
    // line 3: "ALARM CLOCK BAKELIKE RED " (trailing space in the file)
    assertThat(order.products()).contains(Product.of("22727", "ALARM CLOCK BAKELIKE RED", null));
    // POST is postage
    assertThat(order.products()).contains(Product.of("POST", "POSTAGE", "Non-merchandise"));
  }

  @Test
  void parse_franceReturnInvoice_makesQuantitiesPositive() {
    // lines 180-182: C537893 22450 -1 x 3.35, 22634 -2 x 9.95, 22630 -2 x 1.95 -> 27.15
    ParsedOrder order = france.order("C537893");

    assertThat(order.order().kind()).isEqualTo(OrderKind.RETURN);
    assertThat(order.firstLine()).isEqualTo(180);
    assertThat(order.order().lines())
        .containsExactly(
            new OrderLine("22450", 1, new BigDecimal("3.35")),
            new OrderLine("22634", 2, new BigDecimal("19.90")),
            new OrderLine("22630", 2, new BigDecimal("3.90")));
    assertThat(order.order().total().amount()).isEqualByComparingTo("27.15");
  }

  @Test
  void parse_quotedDescriptions_unquotesThem() {
    // lines 114 and 117 (invoice 537463): "RECORD FRAME 7"" SINGLE SIZE " and "FANCY FONT BIRTHDAY CARD, "
    ParsedOrder order = france.order("537463");

    assertThat(order.products())
        .contains(
            Product.of("22041", "RECORD FRAME 7\" SINGLE SIZE", null),
            Product.of("21506", "FANCY FONT BIRTHDAY CARD,", null));
  }

  @Test
  void parse_invoiceWithRepeatedStockCodes_keepsOneLinePerRow() {
    // invoice 547194: 40 rows, 38 distinct StockCodes, 201.24, first at line 1771
    ParsedOrder order = france.order("547194");

    assertThat(order.order().lines()).hasSize(40);
    assertThat(order.products()).hasSize(38);
    assertThat(order.order().total().amount()).isEqualByComparingTo("201.24");
    assertThat(order.firstLine()).isEqualTo(1771);
  }

  @Test
  void parse_invoiceSpanningTwoMinutes_takesTheFirstRowsTime() {
    // invoice 541631: 27 rows at "1/20/2011 10:47" (first), 44 at 10:48
    assertThat(france.order("541631").order().placedAt()).isEqualTo(Instant.parse("2011-01-20T10:47:00Z"));
  }

  @Test
  void parse_semicolonFile_emitsOneOrderPerInvoice() {
    // 181 invoices, 26 returns, 50 customers (as data/affinity/README.md says), 0 blank customers;
    // purchases 130553.87, returns 3235.30
    assertThat(small.rowsRead).isEqualTo(3_215);
    assertThat(small.orders).hasSize(181);
    assertThat(small.count(OrderKind.RETURN)).isEqualTo(26);
    assertThat(small.customerIds()).hasSize(50);
    assertThat(small.rejected).isEmpty();
    assertThat(small.skipped).isEmpty();
    assertThat(small.total(OrderKind.PURCHASE)).isEqualByComparingTo("130553.87");
    assertThat(small.total(OrderKind.RETURN)).isEqualByComparingTo("3235.30");
  }

  @Test
  void parse_semicolonFileSortedByDescription_assemblesScatteredInvoice() {
    // invoice 574690: 39 rows from line 9 to line 3215, 671.69 (also with awk), customer 12638
    // (Sweden), "06/11/2011 13:11"; its rows in file order start with 20973 24 x 0,65, 21616 12 x 1,25,
    // 21619 12 x 1,25 (lines 9, 74, 82)
    ParsedOrder order = small.order("574690");

    assertThat(order.firstLine()).isEqualTo(9);
    assertThat(order.order().lines()).hasSize(39);
    assertThat(order.order().total().amount()).isEqualByComparingTo("671.69");
    assertThat(order.customer()).isEqualTo(Customer.of("12638", "Sweden"));
    assertThat(order.order().placedAt()).isEqualTo(Instant.parse("2011-11-06T13:11:00Z"));
    assertThat(order.order().lines().subList(0, 3))
        .containsExactly(
            new OrderLine("20973", 24, new BigDecimal("15.60")),
            new OrderLine("21616", 12, new BigDecimal("15.00")),
            new OrderLine("21619", 12, new BigDecimal("15.00")));
    // orders are emitted at their last row: line 3215 is the second last row; line 3216 is invoice 576019's
    assertThat(small.orders.get(small.orders.size() - 2)).isSameAs(order);
    assertThat(small.orders.get(small.orders.size() - 1).order().id()).isEqualTo("576019");
  }

  @Test
  void parse_summerTime_convertsWithTheZone() {
    // C563586: one row (line 92), 22077, "17/08/2011 17:19" (British Summer Time, UTC+1), -6 x 1,65
    ParsedOrder order = small.order("C563586");

    assertThat(order.order().placedAt()).isEqualTo(Instant.parse("2011-08-17T16:19:00Z"));
    assertThat(order.order().lines()).containsExactly(new OrderLine("22077", 6, new BigDecimal("9.90")));
  }

  @Test
  void parse_malformedRows_rejectsThemAndKeepsTheInvoicesOtherRows() throws IOException {
    Path file =
        write(
            HEADER
                + "1001,A,Thing A,2,1/5/2011 9:05,1.50,17850.0,United Kingdom\n"
                + "1002,B,Thing B,abc,1/5/2011 9:06,1.00,17851.0,United Kingdom\n"
                + "1001,B,  ,-1,1/5/2011 9:05,1.00,17850.0,United Kingdom\n"
                + "1001,C,Thing C,1,1/5/2011 9:05,-0.01,17850.0,United Kingdom\n"
                + "1001,D,Thing D,1,2011-01-05 09:05,1.00,17850.0,United Kingdom\n"
                + "1001,E,Thing E,1,1/5/2011 9:05,1.00,17999.0,United Kingdom\n"
                + "1001,F,Thing F,1,1/5/2011 9:05,1.00,,United Kingdom\n"
                + "1001,G,\"unterminated,1,1/5/2011 9:05,1.00,17850.0,United Kingdom\n"
                + "1001,H,Thing H,1,1/5/2011 9:05\n"
                + "C1003,M,Manual,0,1/5/2011 9:07,1.00,17850.0,United Kingdom\n"
                + "1001,POST,   ,3,1/5/2011 9:05,0,17850.0,United Kingdom\n"
                + "1002,B,Thing B,1,1/5/2011 9:06,1.123,17851.5,United Kingdom\n");

    RecordingSink sink = RecordingSink.parse(parser, file, LONDON);

    assertThat(sink.rowsRead).isEqualTo(12);
    assertThat(sink.rejected)
        .containsExactly(
            new RejectedRow(3, "Quantity", "is not an integer (was 'abc')"),
            new RejectedRow(4, "Quantity", "must be greater than 0 on an invoice that is not a return (was '-1')"),
            new RejectedRow(5, "UnitPrice", "must not be negative (was '-0.01')"),
            new RejectedRow(6, "InvoiceDate", "is not a date and time M/D/YYYY H:MM (was '2011-01-05 09:05')"),
            new RejectedRow(7, "CustomerID", "differs from the invoice's first row (was '17999', line 2 has '17850')"),
            new RejectedRow(9, "row", "has an unterminated quote"),
            new RejectedRow(10, "row", "has 5 columns, expected 8"),
            new RejectedRow(11, "Quantity", "must not be 0 (was '0')"),
            new RejectedRow(13, "CustomerID", "is not a whole number (was '17851.5')"));
    assertThat(sink.skipped)
        .containsExactly(new RejectedRow(8, "CustomerID", "is blank; rows without a customer are not imported"));
    // 1001 keeps lines 2 and 12 (a blank description falls back to the stock code; price 0 is fine);
    // 1002 and C1003 have no good row left
    assertThat(sink.orders).singleElement().satisfies(o -> {
      assertThat(o.order().id()).isEqualTo("1001");
      assertThat(o.order().lines())
          .containsExactly(
              new OrderLine("A", 2, new BigDecimal("3.00")), new OrderLine("POST", 3, new BigDecimal("0")));
      assertThat(o.products()).containsExactly(
          Product.of("A", "Thing A", null), Product.of("POST", "POST", "Non-merchandise"));
      assertThat(o.firstLine()).isEqualTo(2);
      assertThat(o.order().placedAt()).isEqualTo(Instant.parse("2011-01-05T09:05:00Z"));
    });
  }

  @Test
  void parse_semicolonVariantWithDecimalPoint_rejectsTheAmbiguousPrice() throws IOException {
    Path file =
        write(
            "InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country\r\n"
                + "2001;A;Thing;1;05/01/2011 09:05;1.250;12345;Norway\r\n"
                + "2001;A;Thing;1;05/01/2011 09:05;1,5;12345;Norway\r\n"
                + "2001;A;Thing;1;1/5/2011 9:05;1,5;12345;Norway\r\n");

    RecordingSink sink = RecordingSink.parse(parser, file, LONDON);

    assertThat(sink.rejectedLinesAndFields()).containsExactly("2 UnitPrice", "4 InvoiceDate");
    assertThat(sink.orders).singleElement().satisfies(o -> {
      assertThat(o.order().lines()).containsExactly(new OrderLine("A", 1, new BigDecimal("1.5")));
      assertThat(o.order().placedAt()).isEqualTo(Instant.parse("2011-01-05T09:05:00Z"));
    });
  }

  @Test
  void parse_headerWithoutUnitPrice_throwsNamingTheColumn() throws IOException {
    Path file = write(",InvoiceNo,StockCode,Description,Quantity,InvoiceDate,Price,CustomerID,Country\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("UnitPrice");
    assertThat(e.record()).isEqualTo("retail.csv");
  }

  @Test
  void parse_emptyFile_throwsOnFile() throws IOException {
    Path file = write("");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("file");
  }

  @Test
  void parse_missingFile_throwsDoesNotExist() {
    InvalidInputException e = RecordingSink.failure(parser, dir.resolve("missing.csv"));
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.reason()).isEqualTo("does not exist");
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("retail.csv"), content, StandardCharsets.UTF_8);
  }
}
