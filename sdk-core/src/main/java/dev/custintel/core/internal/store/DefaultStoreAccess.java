package dev.custintel.core.internal.store;

import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The store's {@link StoreAccess}, over its one {@link TransactionRunner}. Not API. */
final class DefaultStoreAccess implements StoreAccess {
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");

  private final CustintelStore store;
  private final DatabaseKind kind;
  private final Tables tables;
  private final TransactionRunner tx;
  private final CustomerChanges changes;

  DefaultStoreAccess(
      CustintelStore store, DatabaseKind kind, Tables tables, TransactionRunner tx, CustomerChanges changes) {
    this.store = store;
    this.kind = kind;
    this.tables = tables;
    this.tx = tx;
    this.changes = changes;
  }

  @Override
  public StoreAccess.Registration onCustomersChanged(Consumer<Set<String>> listener) {
    return changes.add(listener);
  }

  @Override
  public StoreAccess.Registration onCustomersChangedDurably(Consumer<Set<String>> listener) {
    return changes.addDurable(listener);
  }

  @Override
  public CustintelStore store() {
    return store;
  }

  @Override
  public DatabaseKind kind() {
    return kind;
  }

  @Override
  public Jdbi jdbi() {
    return tx.jdbi();
  }

  @Override
  public String prefix() {
    return tables.prefix();
  }

  @Override
  public String table(String name) {
    if (!TABLE.matcher(name).matches()) {
      throw new IllegalArgumentException("table name must match [a-z][a-z0-9_]* (was '" + name + "')");
    }
    return tables.prefix() + name;
  }

  @Override
  public String sql(String template) {
    return tables.sql(template);
  }

  @Override
  public <T> T read(String operation, Function<Handle, T> work) {
    return tx.withHandle(operation, work);
  }

  @Override
  public <T> T write(String operation, Function<Handle, T> work) {
    return tx.withWriteHandle(operation, work);
  }

  @Override
  public <T> T inTransaction(String operation, Function<Handle, T> work) {
    return tx.inTransaction(operation, TransactionIsolationLevel.READ_COMMITTED, false, work);
  }

  @Override
  public <T> T inSnapshot(String operation, Function<Handle, T> work) {
    return tx.inTransaction(operation, TransactionIsolationLevel.REPEATABLE_READ, true, work);
  }

  @Override
  public boolean isDuplicateKey(Throwable failure) {
    return TransactionRunner.isDuplicateKey(failure);
  }
}
