package dev.custintel.analytics.models;

import dev.custintel.analytics.affinity.AffinityOptions;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ModelsClient#refresh(ModelRunRequest)} does. Every setting has a default, so
 * {@code ModelRunRequest.defaults()} is a complete request.
 */
public final class ModelRunRequest {
  private final @Nullable Currency currency;
  private final @Nullable LocalDate asOf;
  private final PeriodUnit unit;
  private final PurchaseModelKind purchaseModel;
  private final ValuationOptions valuation;
  private final @Nullable Period holdout;
  private final boolean backtest;
  private final boolean activate;
  private final @Nullable AffinityOptions affinity;
  private final @Nullable SegmentPreset segments;

  private ModelRunRequest(Builder b) {
    this.currency = b.currency;
    this.asOf = b.asOf;
    this.unit = b.unit;
    this.purchaseModel = b.purchaseModel;
    this.valuation = b.valuation;
    this.holdout = b.holdout;
    this.backtest = b.backtest;
    this.activate = b.activate;
    this.affinity = b.affinity;
    this.segments = b.segments;
  }

  /** @return a request with every default */
  public static ModelRunRequest defaults() {
    return builder().build();
  }

  /** @return a builder with every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the currency to model; empty for the store's main currency (the one most purchases use) */
  public Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  /** @return the as-of day; empty for the UTC day of the latest purchase in the currency */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** @return the time unit of the summaries and models; default weeks */
  public PeriodUnit unit() {
    return unit;
  }

  /** @return the purchase model; default the modified BG/NBD (one-time buyers can churn) */
  public PurchaseModelKind purchaseModel() {
    return purchaseModel;
  }

  /** @return horizon, discount and interval of the stored values; default {@link ValuationOptions#defaults()} */
  public ValuationOptions valuation() {
    return valuation;
  }

  /**
   * @return the backtest's holdout length; empty for the default: a third of the span from the first purchase to
   *     the as-of day, in whole weeks, at most 52 weeks
   */
  public Optional<Period> holdout() {
    return Optional.ofNullable(holdout);
  }

  /** @return whether the run includes a holdout backtest; default true */
  public boolean backtest() {
    return backtest;
  }

  /** @return whether the new run becomes the active one when it commits; default true */
  public boolean activate() {
    return activate;
  }

  /**
   * @return how product affinity is mined from the orders in the run; default {@link AffinityOptions#defaults()};
   *     empty when the run mines none
   */
  public Optional<AffinityOptions> affinity() {
    return Optional.ofNullable(affinity);
  }

  /**
   * @return the preset under which the run stores every scored customer's segment, with the previous segment and
   *     when it changed (as of the end of the run's as-of day); default {@link SegmentPreset#rfGrid()}; empty when the
   *     run stores none
   */
  public Optional<SegmentPreset> segments() {
    return Optional.ofNullable(segments);
  }

  /** Builds a {@link ModelRunRequest}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Currency currency;
    private @Nullable LocalDate asOf;
    private PeriodUnit unit = PeriodUnit.WEEKS;
    private PurchaseModelKind purchaseModel = PurchaseModelKind.MODIFIED_BG_NBD;
    private ValuationOptions valuation = ValuationOptions.defaults();
    private @Nullable Period holdout;
    private boolean backtest = true;
    private boolean activate = true;
    private @Nullable AffinityOptions affinity = AffinityOptions.defaults();
    private @Nullable SegmentPreset segments = SegmentPreset.rfGrid();

    private Builder() {}

    /**
     * @param value the currency whose purchases are modelled
     * @return this builder
     */
    public Builder currency(Currency value) {
      currency = Objects.requireNonNull(value, "currency");
      return this;
    }

    /**
     * @param value the as-of day (UTC): purchases after it are ignored, recency and age are measured to its end
     * @return this builder
     */
    public Builder asOf(LocalDate value) {
      asOf = Objects.requireNonNull(value, "asOf");
      return this;
    }

    /**
     * @param value the time unit of the summaries and the models
     * @return this builder
     */
    public Builder unit(PeriodUnit value) {
      unit = Objects.requireNonNull(value, "unit");
      return this;
    }

    /**
     * @param value the purchase model scores come from
     * @return this builder
     */
    public Builder purchaseModel(PurchaseModelKind value) {
      purchaseModel = Objects.requireNonNull(value, "purchaseModel");
      return this;
    }

    /**
     * @param value horizon, discount and interval of the stored values
     * @return this builder
     */
    public Builder valuation(ValuationOptions value) {
      valuation = Objects.requireNonNull(value, "valuation");
      return this;
    }

    /**
     * @param value the holdout length of the backtest, positive (for example {@code Period.ofWeeks(39)})
     * @return this builder
     * @throws InvalidInputException {@code "holdout"} if zero or negative
     */
    public Builder holdout(Period value) {
      Objects.requireNonNull(value, "holdout");
      if (value.isNegative() || value.isZero()) {
        throw InvalidInputException.argument("holdout", "must be positive (was " + value + ")");
      }
      holdout = value;
      backtest = true;
      return this;
    }

    /**
     * @param value whether to run a holdout backtest
     * @return this builder
     */
    public Builder backtest(boolean value) {
      backtest = value;
      return this;
    }

    /**
     * @param value whether the run becomes active when it commits (false: write it, activate it later)
     * @return this builder
     */
    public Builder activate(boolean value) {
      activate = value;
      return this;
    }

    /**
     * @param value how the run mines product affinity (association rules between products) from the orders
     * @return this builder
     */
    public Builder affinity(AffinityOptions value) {
      affinity = Objects.requireNonNull(value, "affinity");
      return this;
    }

    /**
     * Leaves product affinity out of the run: {@code ci.affinity()} then has nothing to read while this run is
     * active.
     *
     * @return this builder
     */
    public Builder noAffinity() {
      affinity = null;
      return this;
    }

    /**
     * @param value the preset under which the run stores each scored customer's segment
     * @return this builder
     */
    public Builder segments(SegmentPreset value) {
      segments = Objects.requireNonNull(value, "segments");
      return this;
    }

    /**
     * Leaves segment memberships out of the run: {@code ci.segments()} still computes segments, but
     * {@link dev.custintel.analytics.segments.CustomerSegment#stored()} has nothing from this run.
     *
     * @return this builder
     */
    public Builder noSegments() {
      segments = null;
      return this;
    }

    /** @return the request */
    public ModelRunRequest build() {
      return new ModelRunRequest(this);
    }
  }
}
