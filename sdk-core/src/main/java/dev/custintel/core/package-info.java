/**
 * Custintel core: the exception hierarchy shared by every module. Domain records are in
 * {@link dev.custintel.core.model}, the store in {@link dev.custintel.core.store}.
 *
 * <p><b>Misuse and bad input</b>, one rule in every module:
 *
 * <ul>
 *   <li>a null argument of a method or builder is a programming error: {@link NullPointerException} whose message
 *       is the parameter's name (every package is {@code @NullMarked}; {@code @Nullable} marks what may be null,
 *       and the build checks it with NullAway);
 *   <li>a bad value, and any bad field of input data (an order, a line, a customer, a file's row), is
 *       {@link dev.custintel.core.InvalidInputException}, naming the record, the field and the reason;
 *   <li>using a store, facade or client after {@code close()} is {@link IllegalStateException}.
 * </ul>
 */
@NullMarked
package dev.custintel.core;

import org.jspecify.annotations.NullMarked;
