/** Running the application's order sources on demand and on a schedule; not API. */
@NullMarked
package dev.custintel.spring.internal.sync;

import org.jspecify.annotations.NullMarked;
