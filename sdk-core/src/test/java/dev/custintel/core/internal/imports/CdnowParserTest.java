package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnowParserTest {
  private static final Path MASTER = RecordingSink.dataDir().resolve("clv/CDNOW_master.txt");
  private static final Path SAMPLE = RecordingSink.dataDir().resolve("clv/CDNOW_sample.txt");

  private static RecordingSink master;

  @TempDir Path dir;

  private final OrderFileParser parser = new CdnowParser();

  @BeforeAll
  static void parseMaster() {
    master = RecordingSink.parse(new CdnowParser(), MASTER, ZoneOffset.UTC);
  }

  @Test
  void parse_masterFile_readsEveryRowAsOneOrder() {
    // 69,659 data rows and 23,570 customers: data/clv/README.md, re-checked with
    // python3 (len(lines) - 1 and len(set(first column))) on the raw file.
    assertThat(master.rowsRead).isEqualTo(69_659);
    assertThat(master.orders).hasSize(69_659);
    assertThat(master.rejected).isEmpty();
    assertThat(master.skipped).isEmpty();
    assertThat(master.customerIds()).hasSize(23_570);
    assertThat(master.ordersById()).as("order ids are unique").hasSize(69_659);
  }

  @Test
  void parse_masterFile_totalsMatchTheRawDollars() {
    // Computed from the raw file with
    //   awk 'NR>1{t+=$4; c[$1]+=$4} END{printf "%.2f %.2f %.2f %.2f\n", t, c["00002"], c["00100"], c["23570"]}'
    // and with python3 Decimal sums: 2500315.63 89.00 55.24 94.08
    assertThat(master.total(OrderKind.PURCHASE)).isEqualByComparingTo("2500315.63");
    assertThat(master.count(OrderKind.RETURN)).isZero();
    assertThat(master.totalOfCustomer("00002")).isEqualByComparingTo("89.00");
    assertThat(master.totalOfCustomer("00100")).isEqualByComparingTo("55.24");
    assertThat(master.totalOfCustomer("23570")).isEqualByComparingTo("94.08");
  }

  @Test
  void parse_sameCustomerAndDay_numbersTheRowsInFileOrder() {
    // grep -n '00002 ' on the raw file: line 3 "00002 19970112  1   12.00", line 4 "00002 19970112  5   77.00"
    ParsedOrder first = master.order("CDNOW-00002-19970112-1");
    ParsedOrder second = master.order("CDNOW-00002-19970112-2");

    assertThat(first.firstLine()).isEqualTo(3);
    assertThat(second.firstLine()).isEqualTo(4);
    assertThat(first.order().lines()).containsExactly(new OrderLine("CDNOW-CD", 1, new BigDecimal("12.00")));
    assertThat(second.order().lines()).containsExactly(new OrderLine("CDNOW-CD", 5, new BigDecimal("77.00")));
    assertThat(first.order().placedAt()).isEqualTo(Instant.parse("1997-01-12T00:00:00Z"));
    assertThat(first.order().currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(first.customer().id()).isEqualTo("00002");
    assertThat(first.products()).containsExactly(CdnowParser.PRODUCT);
    assertThat(CdnowParser.PRODUCT.name()).isEqualTo("CD (product not recorded)");
    assertThat(CdnowParser.PRODUCT.category()).isEqualTo("Music");
  }

  @Test
  void parse_sampleFileWithFiveColumns_usesTheMasterIdAsCustomer() {
    RecordingSink sample = RecordingSink.parse(parser, SAMPLE, ZoneOffset.UTC);

    // 6,919 rows and 2,357 customers: data/clv/README.md; total with
    // awk '{t+=$5; n[$1]=1} END{printf "%.2f %d %d\n", t, length(n), NR}' -> 244091.94 2357 6919
    assertThat(sample.rowsRead).isEqualTo(6_919);
    assertThat(sample.orders).hasSize(6_919);
    assertThat(sample.rejected).isEmpty();
    assertThat(sample.customerIds()).hasSize(2_357);
    assertThat(sample.total(OrderKind.PURCHASE)).isEqualByComparingTo("244091.94");
    // first line of the file: "00004 0001 19970101 2 29.33"
    ParsedOrder first = sample.orders.get(0);
    assertThat(first.order().id()).isEqualTo("CDNOW-00004-19970101-1");
    assertThat(first.order().customerId()).isEqualTo("00004");
    assertThat(first.order().lines()).containsExactly(new OrderLine("CDNOW-CD", 2, new BigDecimal("29.33")));
    assertThat(first.firstLine()).isEqualTo(1);
  }

  @Test
  void parse_zoneGiven_placesOrdersAtMidnightInThatZone() throws IOException {
    Path file = write("customer_id date number_of_cds dollar_value\n00001 19970101 1 11.77\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneId.of("Europe/Paris"));

    assertThat(sink.orders.get(0).order().placedAt()).isEqualTo(Instant.parse("1996-12-31T23:00:00Z"));
  }

  @Test
  void parse_fixedOffsetZones_placeOrdersAtTheirMidnightAsTheZoneRulesDo() throws IOException {
    Path file = write("00001 19970101 1 11.77\n00001 00010101 1 1.00\n00002 99991231 2 3.00\n00003 20240229 1 2.50\n");
    for (String zone : new String[] {"Z", "+05:30", "-12:00", "+14:00", "Etc/GMT+5", "UTC", "Europe/Paris"}) {
      ZoneId id = ZoneId.of(zone);
      RecordingSink sink = RecordingSink.parse(parser, file, id);
      List<Instant> expected = new ArrayList<>();
      for (String day : new String[] {"1997-01-01", "0001-01-01", "9999-12-31", "2024-02-29"}) {
        Instant midnight = LocalDate.parse(day).atStartOfDay(id).toInstant();
        if (!midnight.isBefore(Instant.parse("0001-01-01T00:00:00Z"))) {
          expected.add(midnight); // year 1 at a zone east of UTC is before the first storable instant: rejected
        }
      }
      assertThat(sink.orders.stream().map(o -> o.order().placedAt()).toList()).as(zone).isEqualTo(expected);
      assertThat(sink.orders.size() + sink.rejected.size()).as(zone).isEqualTo(4);
    }
  }

  @Test
  void parse_sameDayAgainAfterAnotherDay_givesDistinctIds() throws IOException {
    Path file =
        write(
            "00007 19970101 1 1.00\n"
                + "00007 19970102 1 2.00\n"
                + "00007 19970101 1 3.00\n"
                + "00008 19970101 1 4.00\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneOffset.UTC);

    assertThat(sink.orders)
        .extracting(o -> o.order().id())
        .containsExactly(
            "CDNOW-00007-19970101-1", "CDNOW-00007-19970102-1", "CDNOW-00007-19970101-2", "CDNOW-00008-19970101-1");
  }

  @Test
  void parse_customersRowsNotAdjacent_givesEveryRowItsOwnId() throws IOException {
    // Issue 11, D3: the counter restarted when customer 00001 came back, so its second row took the id of the first
    Path file = write("00001 19970101 1 10.00\n00002 19970101 1 20.00\n00001 19970101 2 30.00\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneOffset.UTC);

    assertThat(sink.orders)
        .extracting(o -> o.order().id())
        .containsExactly("CDNOW-00001-19970101-1", "CDNOW-00002-19970101-1", "CDNOW-00001-19970101-2");
  }

  @Test
  void parse_masterFileShuffled_givesTheSortedFilesIdsCountsAndTotals() throws IOException {
    List<String> rows = Files.readAllLines(MASTER, StandardCharsets.UTF_8);
    List<String> data = new java.util.ArrayList<>(rows.subList(1, rows.size()));
    java.util.Collections.shuffle(data, new java.util.Random(11));
    data.add(0, rows.get(0));
    Path shuffled = Files.write(dir.resolve("shuffled.txt"), data, StandardCharsets.UTF_8);

    RecordingSink sink = RecordingSink.parse(parser, shuffled, ZoneOffset.UTC);

    // numbering (customer, date) in file order gives each pair the ids 1..k, whatever the order of the rows
    assertThat(sink.ordersById()).as("order ids are unique").hasSize(69_659);
    assertThat(sink.ordersById().keySet()).isEqualTo(master.ordersById().keySet());
    assertThat(sink.total(OrderKind.PURCHASE)).isEqualByComparingTo("2500315.63");
    assertThat(sink.rejected).isEmpty();
  }

  @Test
  void parse_malformedRows_rejectsEachWithLineAndColumn() throws IOException {
    Path file =
        write(
            "   customer_id  date number_of_cds  dollar_value\r\n"
                + "00001 19970101 1 1.00\r\n"
                + "00001 19970101 0 1.00\r\n"
                + "00001 19970101 1 abc\r\n"
                + "00001 19970101 1 -1.00\r\n"
                + "00001 19970230 1 1.00\r\n"
                + "00001 19970101 1\r\n"
                + "00001 19970101 x 0.00\r\n"
                + "\r\n"
                + "00001 19970101 2 0.00\r\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneOffset.UTC);

    assertThat(sink.rowsRead).as("the blank line is not a row").isEqualTo(8);
    assertThat(sink.rejected)
        .containsExactly(
            new RejectedRow(3, "number_of_cds", "must be greater than 0 (was '0')"),
            new RejectedRow(4, "dollar_value", "is not a number (was 'abc')"),
            new RejectedRow(5, "dollar_value", "must not be negative (was '-1.00')"),
            new RejectedRow(6, "date", "is not a date YYYYMMDD (was '19970230')"),
            new RejectedRow(7, "row", "has 3 columns, expected 4"),
            new RejectedRow(8, "number_of_cds", "is not an integer (was 'x')"));
    // rows rejected for their quantity or amount keep their number (lines 3, 4, 5, 8 took 2, 3, 4, 5)
    assertThat(sink.orders).extracting(o -> o.order().id())
        .containsExactly("CDNOW-00001-19970101-1", "CDNOW-00001-19970101-6");
    assertThat(sink.orders.get(1).firstLine()).isEqualTo(10);
    assertThat(sink.orders.get(1).order().total().amount()).isEqualByComparingTo("0");
  }

  @Test
  void parse_byteOrderMarkAndLf_readsTheHeader() throws IOException {
    Path file = write("\uFEFFcustomer_id date number_of_cds dollar_value\n00001 19970101 1 11.77\n");

    RecordingSink sink = RecordingSink.parse(parser, file, ZoneOffset.UTC);

    assertThat(sink.rejected).isEmpty();
    assertThat(sink.orders).singleElement().satisfies(o -> assertThat(o.firstLine()).isEqualTo(2));
  }

  @Test
  void parse_headerWithWrongColumn_throwsNamingTheColumn() throws IOException {
    Path file = write("customer_id day number_of_cds dollar_value\n00001 19970101 1 11.77\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("date");
    assertThat(e.record()).isEqualTo("cdnow.txt");
  }

  @Test
  void parse_firstLineWithThreeColumns_throwsOnFile() throws IOException {
    Path file = write("00001 19970101 1\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("file");
  }

  @Test
  void parse_emptyFile_throwsOnFile() throws IOException {
    Path file = write(" \r\n\r\n");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.reason()).isEqualTo("is empty");
  }

  @Test
  void parse_missingFile_throwsDoesNotExist() {
    Path file = dir.resolve("nope.txt");

    InvalidInputException e = RecordingSink.failure(parser, file);
    assertThat(e.field()).isEqualTo("file");
    assertThat(e.reason()).isEqualTo("does not exist");
    assertThat(e.record()).isEqualTo("nope.txt");
  }

  @Test
  void parse_masterFile_everyCustomersRowsGetIdsCountingFromOne() {
    // Independent check of the numbering on the whole file: for each (customer, date) the suffixes are 1..k.
    Set<String> ids = new HashSet<>();
    for (ParsedOrder o : master.orders) {
      ids.add(o.order().id());
    }
    List<String> missingPredecessors =
        ids.stream()
            .filter(id -> !id.endsWith("-1"))
            .filter(id -> {
              int dash = id.lastIndexOf('-');
              int n = Integer.parseInt(id.substring(dash + 1));
              return !ids.contains(id.substring(0, dash + 1) + (n - 1));
            })
            .toList();
    assertThat(missingPredecessors).isEmpty();
    // rows minus distinct (customer, date) pairs, with python3 on the raw file: 69659 - 67591 = 2068
    assertThat(ids.stream().filter(id -> !id.endsWith("-1")).count()).isEqualTo(2_068);
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("cdnow.txt"), content, StandardCharsets.UTF_8);
  }
}
