/** How the starter makes the Gorgias and Slack clients from {@code custintel.*}, and when it does; not API. */
@NullMarked
package dev.custintel.spring.internal.integrations;

import org.jspecify.annotations.NullMarked;
