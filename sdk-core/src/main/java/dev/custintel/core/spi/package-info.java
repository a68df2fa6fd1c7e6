/**
 * The service-provider interface between the store and the other Custintel modules (analytics, integrations, the
 * Spring starter): one {@link org.jdbi.v3.core.Jdbi} per store, prefixed table names, read and transaction helpers
 * that translate database failures once into {@link dev.custintel.core.DataAccessException}, and the schema
 * modules whose migrations the store runs. Applications normally have no need of it; it is public so that modules
 * in other jars can share the store's one connection pool and cache.
 */
@NullMarked
package dev.custintel.core.spi;

import org.jspecify.annotations.NullMarked;
