package dev.custintel.core.internal.sync;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The column a JDBC source's watermark comes from, and how its values are read, compared, written as the opaque
 * watermark and bound back into the SQL. Not API.
 *
 * <p>Timestamps are kept as {@link Instant}s and written as ISO-8601 instants ({@code 2024-03-01T10:15:30.123456Z}),
 * numbers as {@link BigDecimal}s written in plain decimals ({@code 1234567890123}); both round-trip exactly.
 *
 * @param name the column's label in the result, lower case
 * @param timestamp true for a timestamp column, false for a numeric one
 */
public record WatermarkColumn(String name, boolean timestamp) {
  /** Bound for a first pull of a timestamp watermark: before any value the store itself accepts. */
  static final Instant FIRST_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
  /** Bound for a first pull of a numeric watermark. */
  static final long FIRST_NUMBER = Long.MIN_VALUE;

  /** Reads the row's value; throws naming the column and the order when it is null or not of the kind. */
  Comparable<?> read(ResultSet rs, int column, String record) throws SQLException {
    Object value;
    try {
      value = timestamp ? rs.getObject(column, OffsetDateTime.class) : rs.getBigDecimal(column);
    } catch (SQLException | RuntimeException e) {
      throw new InvalidInputException(record, name, timestamp
          ? "must be a TIMESTAMP WITH TIME ZONE (" + e.getMessage() + ")"
          : "must be a number (" + e.getMessage() + ")");
    }
    if (value == null) {
      throw new InvalidInputException(record, name, "is required (the watermark column)");
    }
    return value instanceof OffsetDateTime odt ? odt.toInstant() : (BigDecimal) value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Comparable<?> a, Comparable<?> b) {
    return ((Comparable) a).compareTo(b);
  }

  /** @return the value as the opaque watermark */
  String render(Comparable<?> value) {
    return value instanceof Instant instant ? instant.toString() : ((BigDecimal) value).toPlainString();
  }

  /** Binds the watermark (or, for a first pull, a bound below every value) to a parameter of the SQL. */
  void bind(PreparedStatement st, int index, @Nullable String watermark) throws SQLException {
    if (timestamp) {
      Instant from = watermark == null ? FIRST_TIMESTAMP : parseInstant(watermark);
      st.setObject(index, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      return;
    }
    if (watermark == null) {
      st.setLong(index, FIRST_NUMBER);
      return;
    }
    BigDecimal number = parseNumber(watermark);
    // A whole number is bound as a BIGINT, so that PostgreSQL compares a BIGINT column without casting it (and
    // can use its index).
    if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
      try {
        st.setLong(index, number.longValueExact());
        return;
      } catch (ArithmeticException tooLarge) {
        // bound as a decimal below
      }
    }
    st.setBigDecimal(index, number);
  }

  private Instant parseInstant(String watermark) {
    try {
      return Instant.parse(watermark);
    } catch (DateTimeException e) {
      throw InvalidInputException.argument("watermark",
          "must be an ISO-8601 instant for the timestamp column '" + name + "' (was '" + watermark + "')");
    }
  }

  private BigDecimal parseNumber(String watermark) {
    try {
      return new BigDecimal(watermark);
    } catch (NumberFormatException e) {
      throw InvalidInputException.argument("watermark",
          "must be a decimal number for the numeric column '" + name + "' (was '" + watermark + "')");
    }
  }
}
