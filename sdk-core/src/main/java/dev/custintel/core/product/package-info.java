/**
 * Product reads: what each product sold, one product or a page at a time
 * ({@link dev.custintel.core.product.ProductClient}).
 */
@NullMarked
package dev.custintel.core.product;

import org.jspecify.annotations.NullMarked;
