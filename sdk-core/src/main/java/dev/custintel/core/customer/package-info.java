/** Customer profiles and queries: {@link dev.custintel.core.customer.CustomerClient}. */
@NullMarked
package dev.custintel.core.customer;

import org.jspecify.annotations.NullMarked;
