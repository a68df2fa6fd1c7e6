/** The Slack events endpoint over Spring MVC and the handler's periodic jobs; not API. */
@NullMarked
package dev.custintel.spring.internal.slack;

import org.jspecify.annotations.NullMarked;
