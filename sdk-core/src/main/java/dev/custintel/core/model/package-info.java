/**
 * Domain records: {@link dev.custintel.core.model.Customer}, {@link dev.custintel.core.model.Product},
 * {@link dev.custintel.core.model.Order}, {@link dev.custintel.core.model.OrderLine} and
 * {@link dev.custintel.core.model.Money}. Amounts are exact {@link java.math.BigDecimal}s with a currency; times
 * are {@link java.time.Instant}s (UTC). Constructors validate and throw
 * {@link dev.custintel.core.InvalidInputException} naming the field.
 */
@NullMarked
package dev.custintel.core.model;

import org.jspecify.annotations.NullMarked;
