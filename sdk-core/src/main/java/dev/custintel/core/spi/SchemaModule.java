package dev.custintel.core.spi;

/**
 * A module's own tables: the versioned migrations it brings and the history table that records them. The store
 * finds every schema module on the class path with {@link java.util.ServiceLoader} and, when it migrates, runs the
 * core tables first and then each module in the order of {@link #name()}. A module's versions are its own: each
 * module has a history table of its own, so modules never need to agree on numbers, and a module absent from the
 * class path leaves its tables as they are.
 *
 * <p>Migrations are Flyway SQL files in which {@code ${prefix}} stands for the table prefix.
 */
public interface SchemaModule {

  /**
   * @return the module's name: lower-case letters, such as {@code analytics}; its history table is
   *     {@code <prefix><name>_schema_history}
   */
  String name();

  /** @return where the module's migrations are, such as {@code classpath:db/custintel/analytics} */
  String location();
}
