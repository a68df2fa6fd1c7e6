/** Threads of the starter's own background work (event stream, dashboard, retention); not API. */
@NullMarked
package dev.custintel.spring.internal.concurrent;

import org.jspecify.annotations.NullMarked;
