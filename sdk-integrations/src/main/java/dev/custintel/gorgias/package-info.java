/**
 * A typed client for the Gorgias helpdesk REST API: tickets, their messages, customers.
 *
 * <p>Start with {@link dev.custintel.gorgias.GorgiasClient#builder()}. Every failure is a
 * {@link dev.custintel.core.CustintelException}, except a null argument (a {@link NullPointerException} naming the
 * parameter): bad arguments are a {@link dev.custintel.core.InvalidInputException} thrown before any request,
 * remote failures a
 * {@link dev.custintel.gorgias.GorgiasException} subtype. Nothing from OkHttp or Jackson appears in a signature
 * except the optional shared {@code OkHttpClient} on the builder.
 */
@NullMarked
package dev.custintel.gorgias;

import org.jspecify.annotations.NullMarked;
