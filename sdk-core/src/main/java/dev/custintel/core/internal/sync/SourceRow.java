package dev.custintel.core.internal.sync;

import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import java.time.Instant;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/** One result row of a JDBC source: one order line, with its order's fields and its watermark. Not API. */
record SourceRow(
    String orderId,
    Comparable<?> watermark,
    String customerId,
    Instant placedAt,
    Currency currency,
    OrderKind kind,
    OrderLine line,
    @Nullable String productName,
    @Nullable String category,
    @Nullable String email,
    @Nullable String country) {}
