/** Implementation of the Gorgias client: HTTP, JSON, rate limiting, retries, meters. Not API. */
@NullMarked
package dev.custintel.gorgias.internal;

import org.jspecify.annotations.NullMarked;
