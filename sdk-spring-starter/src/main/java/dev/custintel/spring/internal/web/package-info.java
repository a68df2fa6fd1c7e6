/** The REST controllers, problem details and JSON rendering; not API. */
@NullMarked
package dev.custintel.spring.internal.web;

import org.jspecify.annotations.NullMarked;
