package dev.custintel.analytics.segments;

import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A versioned set of named segments over RFM scores: the first rule that matches a customer's scores wins, and
 * scores that no rule matches fall to the preset's {@code otherwise} segment. Immutable and thread-safe.
 *
 * <p>Three presets are built in; their grids are tested to cover every score combination.
 * <ul>
 *   <li>{@link #rfGrid()} ({@code rf-grid}, v1, scores 1–5): the common public RF grid, from recency and frequency.
 *   <li>{@link #shopify()} ({@code shopify}, v1, scores 1–5): Shopify's eleven group names, placed by R and F + M.
 *       Shopify does not publish its grid; this one is ours, documented on the method.
 *   <li>{@link #klaviyo()} ({@code klaviyo}, v1, scores 1–3): Klaviyo's six group names, R, F and M scored against
 *       tertiles. The grid is ours, documented on the method.
 * </ul>
 *
 * <p>A host's own preset:
 *
 * <pre>{@code
 * SegmentPreset mine = SegmentPreset.builder("vip-tiers", 2)
 *     .segment("vip", "Top spenders who bought lately", (r, f, m) -> m == 5 && r >= 4)
 *     .segment("lapsed_vip", "Top spenders gone quiet", (r, f, m) -> m == 5)
 *     .otherwise("everyone_else", "All other customers")
 *     .build();
 * }</pre>
 */
public final class SegmentPreset {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private static final SegmentPreset RF_GRID = builder("rf-grid", 1)
      .segment("champions", "Bought very recently and often (R 5, F 4–5)", RfmCondition.rf(5, 5, 4, 5))
      .segment("loyal", "Buy often, fairly recently (R 3–4, F 4–5)", RfmCondition.rf(3, 4, 4, 5))
      .segment("potential_loyalist", "Recent, a few purchases (R 4–5, F 2–3)", RfmCondition.rf(4, 5, 2, 3))
      .segment("new", "First purchase very recently (R 5, F 1)", RfmCondition.rf(5, 5, 1, 1))
      .segment("promising", "Recent, one purchase (R 4, F 1)", RfmCondition.rf(4, 4, 1, 1))
      .segment("need_attention", "Middling recency and frequency (R 3, F 3)", RfmCondition.rf(3, 3, 3, 3))
      .segment("about_to_sleep", "Middling recency, few purchases (R 3, F 1–2)", RfmCondition.rf(3, 3, 1, 2))
      .segment("at_risk", "Bought often, but long ago (R 1–2, F 3–4)", RfmCondition.rf(1, 2, 3, 4))
      .segment("cant_lose_them", "Bought most often, but long ago (R 1–2, F 5)", RfmCondition.rf(1, 2, 5, 5))
      .segment("hibernating", "Few purchases, long ago (R 1–2, F 1–2)", RfmCondition.rf(1, 2, 1, 2))
      .build();

  private static final SegmentPreset SHOPIFY = builder("shopify", 1)
      .segment("champions", "Very recent, top frequency and spend (R 5 and F+M ≥ 8, or R 4 and F+M ≥ 9)",
          (r, f, m) -> (r == 5 && f + m >= 8) || (r == 4 && f + m >= 9))
      .segment("loyal", "Recent enough, frequent and high spend (R 3–4, F+M ≥ 7)",
          (r, f, m) -> r >= 3 && r <= 4 && f + m >= 7)
      .segment("active", "Recent, middling frequency and spend (R 4–5, F+M 5–7)",
          (r, f, m) -> r >= 4 && f + m >= 5 && f + m <= 7)
      .segment("new", "Very recent, low frequency and spend (R 5, F+M ≤ 4)", (r, f, m) -> r == 5 && f + m <= 4)
      .segment("promising", "Recent, low frequency and spend (R 4, F+M ≤ 4)", (r, f, m) -> r == 4 && f + m <= 4)
      .segment("needs_attention", "Middling recency, below-top frequency and spend (R 3, F+M ≤ 6)",
          (r, f, m) -> r == 3 && f + m <= 6)
      .segment("previously_loyal", "Long gone, but frequent and high spend (R 1–2, F+M ≥ 8)",
          (r, f, m) -> r <= 2 && f + m >= 8)
      .segment("at_risk", "Fading, middling frequency and spend (R 2, F+M 5–7)",
          (r, f, m) -> r == 2 && f + m >= 5 && f + m <= 7)
      .segment("almost_lost", "Fading with little history, or long gone with some (R 2 and F+M ≤ 4, or R 1 and "
          + "F+M 5–7)", (r, f, m) -> (r == 2 && f + m <= 4) || (r == 1 && f + m >= 5 && f + m <= 7))
      .segment("dormant", "Long gone, low frequency and spend (R 1, F+M ≤ 4)", (r, f, m) -> r == 1 && f + m <= 4)
      .prospects("prospects", "Customers with no purchase yet")
      .build();

  private static final SegmentPreset KLAVIYO = builder("klaviyo", 1)
      .scale(3)
      .segment("champions", "Best on all three (R 3, F 3, M 3)", (r, f, m) -> r == 3 && f == 3 && m == 3)
      .segment("loyal", "Frequent and not lapsed (R 2–3, F 3)", (r, f, m) -> r >= 2 && f == 3)
      .segment("recent", "Bought lately, once or rarely (R 3, F 1)", (r, f, m) -> r == 3 && f == 1)
      .segment("needs_attention", "Middling: recent with some purchases, or fading (R 3 and F 2, or R 2 and F 1–2)",
          (r, f, m) -> (r == 3 && f == 2) || (r == 2 && f <= 2))
      .segment("at_risk", "Lapsed after several purchases (R 1, F 2–3)", (r, f, m) -> r == 1 && f >= 2)
      .segment("inactive", "Lapsed after few purchases (R 1, F 1)", (r, f, m) -> r == 1 && f == 1)
      .build();

  private final String id;
  private final int version;
  private final int scale;
  private final List<SegmentRule> rules;
  private final @Nullable SegmentRule otherwise;
  private final @Nullable SegmentRule prospects;
  /** Segment name per score combination, indexed by {@link #index}. */
  private final String[] table;

  private SegmentPreset(Builder b) {
    this.id = b.id;
    this.version = b.version;
    this.scale = b.scale;
    this.rules = List.copyOf(b.rules);
    this.otherwise = b.otherwise;
    this.prospects = b.prospects;
    if (rules.isEmpty() && otherwise == null) {
      throw InvalidInputException.argument("preset", "'" + id + "' has no segment");
    }
    Set<String> names = new LinkedHashSet<>();
    for (SegmentRule rule : segments()) {
      if (!names.add(rule.name())) {
        throw InvalidInputException.argument("preset", "'" + id + "' names segment '" + rule.name() + "' twice");
      }
    }
    this.table = new String[scale * scale * scale];
    for (int r = 1; r <= scale; r++) {
      for (int f = 1; f <= scale; f++) {
        for (int m = 1; m <= scale; m++) {
          table[index(r, f, m)] = evaluate(r, f, m);
        }
      }
    }
  }

  private String evaluate(int r, int f, int m) {
    for (SegmentRule rule : rules) {
      if (rule.condition().test(r, f, m)) {
        return rule.name();
      }
    }
    if (otherwise == null) {
      throw InvalidInputException.argument("preset", "'" + id + "' puts the scores R " + r + ", F " + f + ", M " + m
          + " in no segment; add a rule for them or an otherwise(...) segment");
    }
    return otherwise.name();
  }

  private int index(int r, int f, int m) {
    return ((r - 1) * scale + (f - 1)) * scale + (m - 1);
  }

  /** @return the common RF grid (v1), scores 1–5, from recency and frequency only; first match wins */
  public static SegmentPreset rfGrid() {
    return RF_GRID;
  }

  /**
   * Shopify's eleven customer RFM group names (v1), scores 1–5, placed by recency and the sum of frequency and
   * monetary scores (F+M, 2 to 10, which orders customers as Shopify's (F+M)/2 does). First match wins:
   *
   * <pre>
   *   R \ F+M   2–4              5–6              7                8                9–10
   *   5         new              active           active           champions        champions
   *   4         promising        active           loyal            loyal            champions
   *   3         needs_attention  needs_attention  loyal            loyal            loyal
   *   2         almost_lost      at_risk          at_risk          previously_loyal previously_loyal
   *   1         dormant          almost_lost      almost_lost      previously_loyal previously_loyal
   * </pre>
   *
   * plus {@code prospects}: customers with no purchase before the as-of instant. The grid is ours: Shopify names the
   * groups and says they come from R and (F+M)/2 by quintiles within the store, but does not publish the cells.
   *
   * @return the Shopify-style preset
   */
  public static SegmentPreset shopify() {
    return SHOPIFY;
  }

  /**
   * Klaviyo's six RFM group names (v1): R, F and M each scored 1–3 against tertiles, 333 the best. First match wins:
   * champions R3 F3 M3; loyal R2–3 F3; recent R3 F1; needs_attention R3 F2 or R2 F1–2; at_risk R1 F2–3;
   * inactive R1 F1. The cells are ours: Klaviyo names the groups but does not publish them.
   *
   * @return the Klaviyo-style preset
   */
  public static SegmentPreset klaviyo() {
    return KLAVIYO;
  }

  /** @return the built-in presets: rf-grid, shopify, klaviyo */
  public static List<SegmentPreset> builtIn() {
    return List.of(RF_GRID, SHOPIFY, KLAVIYO);
  }

  /**
   * @param id a built-in preset's id ({@code rf-grid}, {@code shopify} or {@code klaviyo}; case and {@code _} for
   *     {@code -} do not matter)
   * @return the preset
   * @throws InvalidInputException naming {@code preset} when there is no such built-in preset
   */
  public static SegmentPreset parse(String id) {
    Objects.requireNonNull(id, "preset");
    String key = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (SegmentPreset p : builtIn()) {
      if (p.id.equals(key)) {
        return p;
      }
    }
    throw InvalidInputException.argument("preset", "must be rf-grid, shopify or klaviyo (was '" + id + "')");
  }

  /**
   * @param id the preset's id: lower case letters, digits, {@code -} and {@code _}, at most 64 characters
   * @param version its version: change it whenever the rules change, since stored memberships name it
   * @return a builder of a preset with scores 1–5
   */
  public static Builder builder(String id, int version) {
    return new Builder(id, version);
  }

  /** @return the preset's id */
  public String id() {
    return id;
  }

  /** @return the preset's version */
  public int version() {
    return version;
  }

  /** @return the highest score (5, or 3 for the Klaviyo-style preset); every score is 1 to this */
  public int scale() {
    return scale;
  }

  /** @return every segment, in the preset's order: the rules, then {@code otherwise}, then {@code prospects} */
  public List<SegmentRule> segments() {
    List<SegmentRule> all = new ArrayList<>(rules);
    if (otherwise != null) {
      all.add(otherwise);
    }
    if (prospects != null) {
      all.add(prospects);
    }
    return List.copyOf(all);
  }

  /** @return the segment for customers without purchases, if the preset has one */
  public java.util.Optional<SegmentRule> prospects() {
    return java.util.Optional.ofNullable(prospects);
  }

  /**
   * @param r recency score, 1 to {@link #scale()}
   * @param f frequency score
   * @param m monetary score
   * @return the segment these scores fall in
   */
  public String segmentOf(int r, int f, int m) {
    checkScore("r", r);
    checkScore("f", f);
    checkScore("m", m);
    return table[index(r, f, m)];
  }

  /**
   * @param segment a segment's name
   * @return whether the preset has it
   */
  public boolean hasSegment(String segment) {
    return segments().stream().anyMatch(s -> s.name().equals(segment));
  }

  private void checkScore(String name, int score) {
    if (score < 1 || score > scale) {
      throw InvalidInputException.argument(name, "must be 1 to " + scale + " (was " + score + ")");
    }
  }

  static void checkName(String what, @Nullable String name) {
    if (name == null || !SEGMENT.matcher(name).matches()) {
      throw InvalidInputException.argument(what,
          "must be snake case: a lower-case letter, then letters, digits or _, at most 64 (was '" + name + "')");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentPreset p && p.id.equals(id) && p.version == version;
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + version;
  }

  @Override
  public String toString() {
    return id + " v" + version;
  }

  /** Builds a {@link SegmentPreset}. */
  public static final class Builder {
    private final String id;
    private final int version;
    private int scale = 5;
    private final List<SegmentRule> rules = new ArrayList<>();
    private @Nullable SegmentRule otherwise;
    private @Nullable SegmentRule prospects;

    private Builder(String id, int version) {
      if (id == null || !ID.matcher(id).matches()) {
        throw InvalidInputException.argument("preset",
            "id must be lower-case letters, digits, - or _, starting with a letter, at most 64 (was '" + id + "')");
      }
      if (version < 1) {
        throw InvalidInputException.argument("version", "must be 1 or more (was " + version + ")");
      }
      this.id = id;
      this.version = version;
    }

    /**
     * @param value the highest score, 2 to 10 (default 5)
     * @return this builder
     */
    public Builder scale(int value) {
      if (value < 2 || value > 10) {
        throw InvalidInputException.argument("scale", "must be 2 to 10 (was " + value + ")");
      }
      this.scale = value;
      return this;
    }

    /**
     * @param name the segment's snake-case name
     * @param description what it means
     * @param condition the scores it takes, unless an earlier segment took them
     * @return this builder
     */
    public Builder segment(String name, String description, RfmCondition condition) {
      rules.add(new SegmentRule(name, description, condition));
      return this;
    }

    /**
     * @param name the segment for scores that no rule matches
     * @param description what it means
     * @return this builder
     */
    public Builder otherwise(String name, String description) {
      this.otherwise = new SegmentRule(name, description, (r, f, m) -> true);
      return this;
    }

    /**
     * @param name a segment for customers with no purchase before the as-of instant, who have no scores
     * @param description what it means
     * @return this builder
     */
    public Builder prospects(String name, String description) {
      this.prospects = new SegmentRule(name, description, (r, f, m) -> false);
      return this;
    }

    /**
     * @return the preset
     * @throws InvalidInputException when some scores fall in no segment and there is no {@code otherwise}, or a
     *     name repeats
     */
    public SegmentPreset build() {
      return new SegmentPreset(this);
    }
  }
}
