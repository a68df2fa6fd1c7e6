/** Customer events: the durable log that model runs write and readers follow by id. */
@NullMarked
package dev.custintel.analytics.events;

import org.jspecify.annotations.NullMarked;
