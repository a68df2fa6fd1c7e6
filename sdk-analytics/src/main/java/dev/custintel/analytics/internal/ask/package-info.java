/** Questions in plain language: the deterministic parser's parts. Not API. */
@NullMarked
package dev.custintel.analytics.internal.ask;

import org.jspecify.annotations.NullMarked;
