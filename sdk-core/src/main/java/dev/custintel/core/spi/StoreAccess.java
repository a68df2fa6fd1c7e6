package dev.custintel.core.spi;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.internal.store.JdbiStore;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * How a module reaches a store's database: the store's one {@link Jdbi}, its table names and helpers that run work
 * on a handle and translate every database failure into a {@link DataAccessException} naming the operation.
 * Thread-safe. Obtain it with {@link #of(CustintelStore)}; it lives as long as the store.
 *
 * <p>Every method that runs work fails with {@link IllegalStateException} once the store is closed.
 */
public interface StoreAccess {

  /**
   * The access of a store built by {@link CustintelStore#builder()}.
   *
   * @param store the store
   * @return its access
   * @throws NullPointerException if {@code store} is null
   * @throws IllegalArgumentException if the store was not built by {@link CustintelStore#builder()}
   */
  static StoreAccess of(CustintelStore store) {
    Objects.requireNonNull(store, "store");
    if (store instanceof JdbiStore jdbiStore) {
      return jdbiStore.access();
    }
    throw new IllegalArgumentException(
        "store must be built by CustintelStore.builder() (was " + store.getClass().getName() + ")");
  }

  /** @return the store this access belongs to */
  CustintelStore store();

  /** @return the database product */
  DatabaseKind kind();

  /**
   * The store's one configured Jdbi, for work the helpers below do not cover. Prefer the helpers: they translate
   * failures.
   *
   * @return the Jdbi over the store's data source
   */
  Jdbi jdbi();

  /** @return the table prefix, such as {@code ci_}, for meter tags and messages */
  String prefix();

  /**
   * @param name a table's name without the prefix, such as {@code orders}: lower-case letters, digits and
   *     underscores
   * @return the prefixed name, such as {@code ci_orders}, safe to splice into SQL
   * @throws IllegalArgumentException if the name is not of that form
   */
  String table(String name);

  /**
   * @param template SQL in which each {@code {name}} stands for a table, such as {@code SELECT * FROM {orders}}
   * @return the SQL with each placeholder replaced by {@link #table(String)}
   */
  String sql(String template);

  /**
   * Runs work on a handle in auto-commit mode.
   *
   * @param operation what the work does, for the error message, such as {@code "Reading model run 7"}
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws DataAccessException if the database fails ({@code "<operation> failed: <cause>"})
   */
  <T> T read(String operation, Function<Handle, T> work);

  /**
   * Runs writing work on a handle in auto-commit mode: single statements that need no transaction. On H2 the work
   * runs as one of the store's writers, one at a time, and is in the database's file before this returns; use
   * {@link #read} only for work that writes nothing.
   *
   * @param operation what the work does, for the error message, such as {@code "Slack work done"}
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws DataAccessException if the database fails ({@code "<operation> failed: <cause>"})
   */
  <T> T write(String operation, Function<Handle, T> work);

  /**
   * Runs work in one read-committed transaction, committed when it returns and rolled back when it throws.
   *
   * @param operation what the work does, for the error message
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws DataAccessException if the database fails; nothing of the work is then written
   */
  <T> T inTransaction(String operation, Function<Handle, T> work);

  /**
   * Runs reads in one read-only repeatable-read transaction: every query of the work sees the same committed
   * data, whatever is written meanwhile.
   *
   * @param operation what the work reads, for the error message
   * @param work the reads
   * @param <T> their result
   * @return their result
   * @throws DataAccessException if the database fails
   */
  <T> T inSnapshot(String operation, Function<Handle, T> work);

  /**
   * @param failure a failure of a statement, possibly wrapped
   * @return whether it was a unique or primary key violation (SQLSTATE 23505 on PostgreSQL and H2)
   */
  boolean isDuplicateKey(Throwable failure);

  /**
   * Registers work to run after each ingestion transaction of the store commits (batches, imports, syncs, from
   * any client built on the store), on the ingesting thread, with the ids of the customers whose orders or details
   * it changed. The profile cache drops those customers after the listeners ran. A listener that throws is logged
   * and the ingestion still succeeds (it has committed): a listener that must not lose work keeps its own record
   * of what failed.
   *
   * @param listener called with the changed customers' ids (never empty; do not modify the set)
   * @return a registration whose {@code close()} removes the listener (and never throws)
   */
  Registration onCustomersChanged(Consumer<Set<String>> listener);

  /**
   * Like {@link #onCustomersChanged}, for work that must survive the process: while a listener registered here is
   * registered, each ingestion transaction also adds one row per changed customer to the store's table
   * {@code changed_customers} (columns {@code seq}, a number that grows with each row, and {@code customer_id}),
   * in the same transaction as the change. A process killed after a commit and before its listener finished leaves
   * those rows behind. The listener deletes the rows it has handled (in the transaction of its work, by
   * {@code seq}, so that a row added meanwhile stays) and takes up the rows left over when it starts. Rows may name
   * a customer more than once.
   *
   * @param listener called with the changed customers' ids (never empty; do not modify the set)
   * @return a registration whose {@code close()} removes the listener and, with the last such listener, stops the
   *     recording (and never throws)
   */
  Registration onCustomersChangedDurably(Consumer<Set<String>> listener);

  /** A registered listener; closing it removes the listener. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    /** Removes the listener; idempotent, never throws. */
    @Override
    void close();
  }
}
