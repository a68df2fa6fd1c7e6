package dev.custintel.core.store;

/** The database products the store supports. */
public enum DatabaseKind {
  /** H2 2.x, the embedded default (in a file or in memory). */
  H2,
  /** PostgreSQL 12 or later, the production database. */
  POSTGRESQL
}
