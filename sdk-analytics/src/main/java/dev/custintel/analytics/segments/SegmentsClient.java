package dev.custintel.analytics.segments;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFM segments, computed by the database from the orders as of an instant; no model run is needed, though the
 * report's churn and value averages come from the active run. Each model run also stores every scored customer's
 * segment under its preset ({@link dev.custintel.analytics.models.ModelRunRequest.Builder#segments}), with the
 * previous segment and when it changed.
 *
 * <p><b>Scores.</b> Recency (whole days since the last purchase), frequency (purchases) and monetary value (purchases
 * less returns) of the n customers with a purchase in the currency before the as-of instant. With L the number of
 * those customers whose value is strictly worse, a value scores {@code min(s, 1 + floor(s·L / n))} on a scale of
 * s (5, or 3 for the Klaviyo-style preset): equal values always score alike, whatever the customers' ids or the
 * order of rows, and the best value scores s only when enough customers are worse.
 *
 * <pre>{@code
 * SegmentReport report = ci.segments().report(SegmentRequest.defaults());
 * SegmentPage champions = ci.segments().members("champions", SegmentRequest.defaults(), 100, null);
 * CustomerSegment mine = ci.segments().customer("C-12345", SegmentRequest.of(SegmentPreset.klaviyo()));
 * }</pre>
 */
public interface SegmentsClient {
  /**
   * @param request preset, as-of instant and currency
   * @return every segment's customers, share and revenue, with the active run's mean churn risk and LTV, and the
   *     distribution of each score
   */
  SegmentReport report(SegmentRequest request);

  /**
   * @param segment a segment of the request's preset
   * @param request preset, as-of instant and currency
   * @param limit page size, 1 to 1,000
   * @param cursor null for the first page, else the previous page's {@code nextCursor}
   * @return a page of the segment's members by customer id
   * @throws dev.custintel.core.InvalidInputException when the preset has no such segment, or the limit is out of
   *     range
   */
  SegmentPage members(String segment, SegmentRequest request, int limit, @Nullable String cursor);

  /**
   * @param customerId the customer
   * @param request preset, as-of instant and currency
   * @return the customer's scores and segment, with the active run's stored membership
   * @throws dev.custintel.core.NotFoundException when the customer has no purchase in the currency before the
   *     as-of instant
   */
  CustomerSegment customer(String customerId, SegmentRequest request);

  /**
   * @param customerId the customer
   * @param limit at most this many, 1 to 1,000
   * @return the memberships that model runs stored for the customer, newest run first, all presets
   */
  List<SegmentMembership> history(String customerId, int limit);
}
