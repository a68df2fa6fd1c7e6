/**
 * What the integration clients ({@link dev.custintel.gorgias.GorgiasClient},
 * {@link dev.custintel.slack.SlackWebClient}) have in common in their public API, such as the
 * {@link dev.custintel.integrations.Sleeper} their builders take.
 */
@NullMarked
package dev.custintel.integrations;

import org.jspecify.annotations.NullMarked;
