package dev.custintel.gorgias.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Gorgias datetimes. It sends ISO-8601 without an offset ({@code 2019-07-05T14:42:00.384938}); those are read as
 * UTC. Values with an offset or {@code Z} are read as they say. Not API.
 */
final class Timestamps {
  private Timestamps() {}

  static @Nullable Instant parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
  }

  /** With an explicit {@code Z}, so the API cannot read it in another zone. */
  static String format(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }
}
