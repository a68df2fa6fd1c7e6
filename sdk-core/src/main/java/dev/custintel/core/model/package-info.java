/**
 * Domain records: {@link dev.custintel.core.model.Customer}, {@link dev.custintel.core.model.Product},
 * {@link dev.custintel.core.model.Order}, {@link dev.custintel.core.model.OrderLine} and
 * {@link dev.custintel.core.model.Money}. Amounts are exact {@link java.math.BigDecimal}s with a currency; times
 * are {@link java.time.Instant}s (UTC). Constructors validate and throw
 * {@link dev.custintel.core.InvalidInputException} naming the field. They accept only what both supported databases
 * store: texts within their column lengths and without the NUL character (U+0000), instants in the years 1 to 9999
 * (UTC), amounts below 10^15 with at most 4 decimal places.
 */
@NullMarked
package dev.custintel.core.model;

import org.jspecify.annotations.NullMarked;
