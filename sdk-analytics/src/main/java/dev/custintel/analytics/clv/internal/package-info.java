/**
 * Numerics behind the CLV models: special functions, the minimiser, finite-difference derivatives and the
 * covariance matrix. Not API: may change without notice. EJML stays inside this package.
 */
@NullMarked
package dev.custintel.analytics.clv.internal;

import org.jspecify.annotations.NullMarked;
