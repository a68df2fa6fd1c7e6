/**
 * The dashboard WebSocket at {@code /ws/dashboard}: one computation of the shop's figures per interval, sent to
 * every open session; not API.
 */
@NullMarked
package dev.custintel.spring.internal.dashboard;

import org.jspecify.annotations.NullMarked;
