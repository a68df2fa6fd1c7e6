package dev.custintel.analytics.ask;

import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@code ask} reads questions.
 *
 * @param segments the preset whose segments questions name (the active run stores {@code rf-grid} by default)
 * @param vip what "VIP" means: {@link Intent#TOP_CUSTOMERS_BY_SPEND} (the default), {@link
 *     Intent#TOP_CUSTOMERS_BY_LTV} or {@link Intent#TOP_CUSTOMERS_BY_ORDERS}
 * @param translator a translator tried before the built-in parser (a language model, say); null for none
 */
public record AskOptions(SegmentPreset segments, Intent vip, @Nullable QueryTranslator translator) {
  private static final Set<Intent> VIP = EnumSet.of(Intent.TOP_CUSTOMERS_BY_SPEND, Intent.TOP_CUSTOMERS_BY_LTV,
      Intent.TOP_CUSTOMERS_BY_ORDERS);

  /** Validates the options. */
  public AskOptions {
    Objects.requireNonNull(segments, "segments");
    Objects.requireNonNull(vip, "vip");
    if (!VIP.contains(vip)) {
      throw InvalidInputException.argument("vip", "must be top_customers_by_spend, top_customers_by_ltv or"
          + " top_customers_by_orders (was " + vip.wireName() + ")");
    }
  }

  /** @return the rf-grid segments, VIP by spend, no translator */
  public static AskOptions defaults() {
    return new AskOptions(SegmentPreset.rfGrid(), Intent.TOP_CUSTOMERS_BY_SPEND, null);
  }

  /**
   * @param value the preset whose segments questions name
   * @return these options with it
   */
  public AskOptions segments(SegmentPreset value) {
    return new AskOptions(value, vip, translator);
  }

  /**
   * @param value what "VIP" means
   * @return these options with it
   */
  public AskOptions vip(Intent value) {
    return new AskOptions(segments, value, translator);
  }

  /**
   * @param value a translator tried before the parser, or null for none
   * @return these options with it
   */
  public AskOptions translator(@Nullable QueryTranslator value) {
    return new AskOptions(segments, vip, value);
  }
}
