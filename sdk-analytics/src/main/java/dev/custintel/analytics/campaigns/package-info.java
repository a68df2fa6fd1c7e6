/**
 * Retention campaigns: the at-risk customers most worth winning back, each with their next best action and its
 * expected impact, and the campaign's totals: {@link dev.custintel.analytics.campaigns.CampaignsClient}.
 */
@NullMarked
package dev.custintel.analytics.campaigns;

import org.jspecify.annotations.NullMarked;
