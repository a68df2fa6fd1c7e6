package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.InvalidInputException;
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
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersCsvParserTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String HEADER =
      "order_id,customer_id,placed_at,product_id,product_name,quantity,unit_price,line_amount,currency,kind,"
          + "category,country,email\n";

  @TempDir Path dir;

  private final OrderFileParser parser = new OrdersCsvParser();

  private static final String FILE =
      HEADER
          + "O-1,C-1,2024-03-01T10:15:30Z,P-1,\"Mug, large\",2,3.50,,EUR,,Kitchen,France,a@example.com\n" // 2
          + "O-1,C-1,2024-03-01T10:15:30Z,P-2,\"The \"\"Best\"\" Tea\",1,,4.99,EUR,purchase,,,\n" // 3
          + "O-2,C-2,2024-03-02,P-1,,1,3.50,,eur,RETURN,,,\n" // 4
          + "O-3,C-1,2024-03-03T12:00:00+01:00,P-3,Spoon,abc,1.00,,EUR,,,,\n" // 5 bad quantity
          + "O-3,C-1,2024-03-03T12:00:00+01:00,P-3,Spoon,1,1.00,,EUR,,,,\n" // 6
          + "O-3,C-9,2024-03-03T12:00:00+01:00,P-4,Fork,1,1.00,,EUR,,,,\n" // 7 other customer
          + "O-4,C-3,2024-13-01,P-1,,1,3.50,,EUR,,,,\n" // 8 bad date
          + "O-5,,2024-03-05T00:00:00,P-1,,1,3.50,,EUR,,,,\n" // 9 missing customer
          + "O-5,C-4,2024-03-05T00:00:00,P-1,,1,3.50,,EUR,,,,\n" // 10
          + "O-1,C-1,2024-03-01T10:15:30Z,P-9,,1,1.00,,EUR,,,,\n" // 11 O-1 again: a second version
          + "O-6,C-5,2024-03-06T00:00:00Z,P-1,\"unterminated,1,1,,EUR,,,,\n" // 12
          + "O-6,C-5,2024-03-06T00:00:00Z,P-1,,1\n" // 13 too few columns
          + "\n" // 14 blank: not a row
          + "O-6,C-5,2024-03-06T00:00:00Z,P-1,,3,,12.3456,usd,,,,\n" // 15
          + "O-6,C-5,2024-03-06T00:00:00Z,P-1,,1,,1,USD,return,,,\n" // 16 other kind
          + "O-6,C-5,2024-03-06T00:00:00Z,P-2,,1,-2,,USD,,,,\n" // 17 negative price
          + "O-7,C-6,2024-03-07T00:00:00Z,P-1,,1,,,USD,,,,\n" // 18 no price
          + "O-8,C-7,2024-03-08T09:00:00Z,P-1,,1,2.00,,USD,,,,\n" // 19
          + "O-8,C-7,2024-03-08T09:00:01Z,P-2,,1,2.00,,USD,,,,\n" // 20 other time
          + "O-8,C-7,2024-03-08T09:00:00Z,P-3,,1,2.00,,EUR,,,,\n" // 21 other currency
          + "O-8,C-7,2024-03-08T09:00:00Z,P-4,,1,2.00,,XYZ,,,,\n" // 22 unknown currency
          + "O-9,C-8,2024-03-09T09:00:00Z,P-1,,1,1.00,,USD,gift,,,\n" // 23 unknown kind
          + "O-9,C-8,2024-03-09T09:00:00Z,P-1,,1,1.00001,,USD,,,,\n" // 24 5 decimals
          + "\"O-10\",C-8,2024-03-09,P-1,,0,1.00,,USD,,,,\n"; // 25 quantity 0

  @Test
  void parse_mixedFile_rejectsEachBadRowWithLineAndColumn() throws IOException {
    RecordingSink sink = RecordingSink.parse(parser, write(FILE), PARIS);

    assertThat(sink.rowsRead).isEqualTo(23);
    assertThat(sink.rejected)
        .containsExactly(
            new RejectedRow(5, "quantity", "is not an integer (was 'abc')"),
            new RejectedRow(7, "customer_id", "differs from the order's first row (was 'C-9', line 6 has 'C-1')"),
            new RejectedRow(
                8,
                "placed_at",
                "is not an ISO-8601 instant, date-time or date such as 2024-03-01T10:15:30Z (was '2024-13-01')"),
            new RejectedRow(9, "customer_id", "is blank"),
            new RejectedRow(12, "row", "has an unterminated quote"),
            new RejectedRow(13, "row", "has 6 columns, expected 13"),
            new RejectedRow(16, "kind", "differs from the order's first row (was 'return', line 15 has 'purchase')"),
            new RejectedRow(17, "unit_price", "must not be negative (was '-2')"),
            new RejectedRow(18, "unit_price", "is blank, and so is line_amount"),
            new RejectedRow(
                20,
                "placed_at",
                "differs from the order's first row (was '2024-03-08T09:00:01Z', line 19 has '2024-03-08T09:00:00Z')"),
            new RejectedRow(21, "currency", "differs from the order's first row (was 'EUR', line 19 has 'USD')"),
            new RejectedRow(22, "currency", "is not an ISO 4217 currency code (was 'XYZ')"),
            new RejectedRow(23, "kind", "must be purchase or return (was 'gift')"),
            new RejectedRow(24, "unit_price", "must have at most 4 decimal places (was 1.00001)"),
            new RejectedRow(25, "quantity", "must be greater than 0, for returns too (was '0')"));
    assertThat(sink.skipped).isEmpty();
    assertThat(sink.orders)
        .extracting(o -> o.order().id() + "@" + o.firstLine())
        // O-1 comes back at line 11: a second version, which the importer replaces or rejects (issue 11, D9)
        .containsExactly("O-1@2", "O-2@4", "O-3@6", "O-5@10", "O-1@11", "O-6@15", "O-8@19");
  }

  @Test
  void parse_multiLineOrderWithQuotes_buildsLinesProductsAndCustomer() throws IOException {
    RecordingSink sink = RecordingSink.parse(parser, write(FILE), PARIS);

    ParsedOrder order = sink.orders.get(0); // O-1 as lines 2-3 give it
    assertThat(order.order().lines())
        .containsExactly(
            new OrderLine("P-1", 2, new BigDecimal("7.00")), new OrderLine("P-2", 1, new BigDecimal("4.99")));
    assertThat(order.products())
        .containsExactly(Product.of("P-1", "Mug, large", "Kitchen"), Product.of("P-2", "The \"Best\" Tea", null));
    assertThat(order.customer()).isEqualTo(new Customer("C-1", "a@example.com", null, "France", null));
    assertThat(order.order().placedAt()).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
    assertThat(order.order().currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(order.order().kind()).isEqualTo(OrderKind.PURCHASE);
  }

  @Test
  void parse_returnWithLocalDate_readsTheDateInTheZone() throws IOException {
    RecordingSink sink = RecordingSink.parse(parser, write(FILE), PARIS);

    ParsedOrder order = sink.order("O-2");
    assertThat(order.order().kind()).isEqualTo(OrderKind.RETURN);
    assertThat(order.order().currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(order.order().placedAt()).isEqualTo(Instant.parse("2024-03-01T23:00:00Z"));
    assertThat(order.order().lines()).containsExactly(new OrderLine("P-1", 1, new BigDecimal("3.50")));
    assertThat(order.products()).containsExactly(Product.of("P-1", "P-1", null));
    assertThat(sink.order("O-5").order().placedAt()).isEqualTo(Instant.parse("2024-03-04T23:00:00Z"));
    assertThat(sink.order("O-3").order().placedAt()).isEqualTo(Instant.parse("2024-03-03T11:00:00Z"));
  }

  @Test
  void parse_lineAmountGiven_takesItAsTheAmount() throws IOException {
    RecordingSink sink = RecordingSink.parse(parser, write(FILE), PARIS);

    assertThat(sink.order("O-6").order().lines()).containsExactly(new OrderLine("P-1", 3, new BigDecimal("12.3456")));
    assertThat(sink.order("O-6").order().currency().getCurrencyCode()).isEqualTo("USD");
  }

  @Test
  void parse_bothPriceColumnsFilled_prefersTheLineAmount() throws IOException {
    Path file =
        write(
            "Quantity,Order_ID,placed_at,customer_id,product_id,currency,unit_price,line_amount,notes\n"
                + "3,A,2024-01-01,C,P,GBP,1.00,2.50,whatever\n"
                + "3,A,2024-01-01,C,Q,GBP,1.10,,\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneOffset.UTC);

    assertThat(sink.rejected).isEmpty();
    assertThat(sink.order("A").order().lines())
        .containsExactly(new OrderLine("P", 3, new BigDecimal("2.50")), new OrderLine("Q", 3, new BigDecimal("3.30")));
    assertThat(sink.order("A").order().placedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void parse_headerWithoutCurrency_throwsNamingTheColumn() throws IOException {
    Path file = write("order_id,customer_id,placed_at,product_id,quantity,unit_price\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("currency");
    assertThat(e.record()).isEqualTo("orders.csv");
  }

  @Test
  void parse_headerWithoutPrice_throwsOnUnitPrice() throws IOException {
    Path file = write("order_id,customer_id,placed_at,product_id,quantity,currency\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("unit_price");
  }

  @Test
  void parse_headerWithColumnTwice_throwsNamingIt() throws IOException {
    Path file = write("order_id,customer_id,placed_at,product_id,quantity,currency,unit_price,Quantity\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("Quantity");
  }

  @Test
  void parse_emptyFile_throwsOnFile() throws IOException {
    Path file = write("");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.reason()).isEqualTo("is empty");
  }

  @Test
  void parse_missingFile_throwsDoesNotExist() {
    InvalidInputException e = RecordingSink.failure(parser, dir.resolve("none.csv"));
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.reason()).isEqualTo("does not exist");
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("orders.csv"), content, StandardCharsets.UTF_8);
  }
}
