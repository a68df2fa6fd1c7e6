/**
 * Custintel core: the exception hierarchy shared by every module. Domain records are in
 * {@link dev.custintel.core.model}, the store in {@link dev.custintel.core.store}.
 */
@NullMarked
package dev.custintel.core;

import org.jspecify.annotations.NullMarked;
