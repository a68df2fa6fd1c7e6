/**
 * The server-sent event stream of the customer event log (one shared poller, a bounded queue per client) and the
 * log's retention purge; not API.
 */
@NullMarked
package dev.custintel.spring.internal.events;

import org.jspecify.annotations.NullMarked;
