/** API-key authentication, scopes and the per-key rate limit; not API. */
@NullMarked
package dev.custintel.spring.internal.security;

import org.jspecify.annotations.NullMarked;
