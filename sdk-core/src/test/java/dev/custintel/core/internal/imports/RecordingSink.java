package dev.custintel.core.internal.imports;

import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.model.OrderKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A sink that keeps everything a parser reports, for assertions. */
final class RecordingSink implements ParsedOrderSink {
  long rowsRead;
  final List<ParsedOrder> orders = new ArrayList<>();
  final List<RejectedRow> rejected = new ArrayList<>();
  final List<RejectedRow> skipped = new ArrayList<>();

  /** @return the repository's data directory (surefire sets the property; the fallback works from the module) */
  static Path dataDir() {
    return Path.of(System.getProperty("custintel.dataDir", "../data"));
  }

  /** Parses a file that must be refused as a whole, and returns the refusal. */
  static dev.custintel.core.InvalidInputException failure(OrderFileParser parser, Path file) {
    try {
      parser.parse(file, java.time.ZoneOffset.UTC, new RecordingSink());
    } catch (dev.custintel.core.InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected " + file.getFileName() + " to be refused with InvalidInputException");
  }

  static RecordingSink parse(OrderFileParser parser, Path file, ZoneId zone) {
    RecordingSink sink = new RecordingSink();
    parser.parse(file, zone, sink);
    return sink;
  }

  @Override
  public void rowRead() {
    rowsRead++;
  }

  @Override
  public void order(ParsedOrder order) {
    orders.add(order);
  }

  @Override
  public void rejected(RejectedRow row) {
    rejected.add(row);
  }

  @Override
  public void skipped(RejectedRow row) {
    skipped.add(row);
  }

  Map<String, ParsedOrder> ordersById() {
    Map<String, ParsedOrder> byId = new LinkedHashMap<>();
    for (ParsedOrder order : orders) {
      byId.put(order.order().id(), order);
    }
    return byId;
  }

  ParsedOrder order(String id) {
    ParsedOrder order = ordersById().get(id);
    if (order == null) {
      throw new AssertionError("no order " + id + " among " + orders.size());
    }
    return order;
  }

  Set<String> customerIds() {
    return orders.stream().map(o -> o.order().customerId()).collect(Collectors.toSet());
  }

  long count(OrderKind kind) {
    return orders.stream().filter(o -> o.order().kind() == kind).count();
  }

  BigDecimal total(OrderKind kind) {
    return orders.stream()
        .map(ParsedOrder::order)
        .filter(o -> o.kind() == kind)
        .map(o -> o.total().amount())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal totalOfCustomer(String customerId) {
    return orders.stream()
        .map(ParsedOrder::order)
        .filter(o -> o.customerId().equals(customerId))
        .map(o -> o.total().amount())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** @return each rejection as "line field" for compact assertions */
  List<String> rejectedLinesAndFields() {
    return rejected.stream().map(r -> r.line() + " " + r.field()).toList();
  }
}
