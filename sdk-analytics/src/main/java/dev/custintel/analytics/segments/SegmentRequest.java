package dev.custintel.analytics.segments;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to segment: a preset, an as-of instant and a currency.
 *
 * @param preset the preset
 * @param asOf only orders placed before this instant count; null for the facade clock's now
 * @param currency only orders in this currency; null when the shop has one (required when it has several)
 */
public record SegmentRequest(SegmentPreset preset, @Nullable Instant asOf, @Nullable Currency currency) {
  /** Checks that the preset is there. */
  public SegmentRequest {
    Objects.requireNonNull(preset, "preset");
  }

  /** @return the RF-grid preset as of now, in the shop's one currency */
  public static SegmentRequest defaults() {
    return new SegmentRequest(SegmentPreset.rfGrid(), null, null);
  }

  /**
   * @param preset the preset
   * @return that preset as of now, in the shop's one currency
   */
  public static SegmentRequest of(SegmentPreset preset) {
    return new SegmentRequest(preset, null, null);
  }

  /**
   * @param value the as-of instant
   * @return a copy as of that instant
   */
  public SegmentRequest withAsOf(Instant value) {
    return new SegmentRequest(preset, Objects.requireNonNull(value, "asOf"), currency);
  }

  /**
   * @param value the currency
   * @return a copy in that currency
   */
  public SegmentRequest withCurrency(Currency value) {
    return new SegmentRequest(preset, asOf, Objects.requireNonNull(value, "currency"));
  }
}
