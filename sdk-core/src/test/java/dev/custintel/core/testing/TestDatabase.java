package dev.custintel.core.testing;

import dev.custintel.core.store.CustintelStore;

/**
 * A database for one test class: H2 in memory, or a fresh schema in the PostgreSQL server. Tests configure a
 * store builder with it, so the same suite runs on both.
 */
public interface TestDatabase extends AutoCloseable {

  /** @return "h2" or "postgresql" */
  String name();

  /**
   * @param builder a store builder
   * @return the builder pointed at this database (a pool the store owns)
   */
  CustintelStore.Builder configure(CustintelStore.Builder builder);

  /** @return a JDBC URL for this database, usable by the CLI */
  String jdbcUrl();

  /** Drops what the test created. */
  @Override
  void close();

  /**
   * The databases every contract runs on, for {@code @ParameterizedClass @MethodSource(
   * "dev.custintel.core.testing.TestDatabase#both")} as {@link OnBothDatabases} declares it: each argument is the
   * database's name and a supplier of a new, empty one (the PostgreSQL one skips or fails as {@link #postgres()}
   * says).
   *
   * @return H2, then PostgreSQL
   */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> both() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "h2", (java.util.function.Supplier<TestDatabase>) TestDatabase::h2),
        org.junit.jupiter.params.provider.Arguments.of(
            "postgresql", (java.util.function.Supplier<TestDatabase>) TestDatabase::postgres));
  }

  /** @return a new, empty H2 in-memory database */
  static TestDatabase h2() {
    return new H2TestDatabase();
  }

  /**
   * A new, empty schema in the PostgreSQL server at {@code custintel.postgresUrl}. Skips the calling test when the
   * server is unreachable, unless {@code custintel.requirePostgres=true}, which makes it fail instead.
   *
   * @return the database
   */
  static TestDatabase postgres() {
    return PostgresTestDatabase.create();
  }
}
