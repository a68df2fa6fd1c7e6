/**
 * RFM segments: scores from 1 to 5 (or 3) for recency, frequency and monetary value, presets of named segments
 * (RF grid, Shopify-style, Klaviyo-style, or a host's own), computed in the database, and the memberships that model
 * runs store. Start at {@link dev.custintel.analytics.segments.SegmentsClient}.
 */
@NullMarked
package dev.custintel.analytics.segments;

import org.jspecify.annotations.NullMarked;
