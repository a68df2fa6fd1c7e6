/** The integrations module's internals shared by its clients. Not API. */
@NullMarked
package dev.custintel.integrations.internal;

import org.jspecify.annotations.NullMarked;
