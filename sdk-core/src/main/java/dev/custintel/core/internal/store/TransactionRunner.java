package dev.custintel.core.internal.store;

import dev.custintel.core.CustintelException;
import dev.custintel.core.DataAccessException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/**
 * The one place where work meets the store's Jdbi: it refuses work once the store is closed, runs the work on a
 * handle or in a transaction, and translates every database failure into a {@link DataAccessException} naming the
 * operation. Not API.
 *
 * <p>{@link #inRetryingTransaction} also retries a transaction that collided with a concurrent one. Ingestion reads
 * which keys exist and then inserts the missing ones; a concurrent batch can insert the same key in between. The
 * database then refuses the second insert (unique violation) or picks a deadlock victim; the whole transaction is
 * rolled back and run again, and the second run sees the committed rows. Work must be idempotent for this, which
 * ingestion is. (Customers and products, which concurrent batches of one file create all the time, resolve their
 * collisions inside the transaction, see {@code BatchWriter}; what still comes here is rare, such as two batches
 * writing the same order.)
 */
public final class TransactionRunner {
  private static final int MAX_ATTEMPTS = 6;
  private static final String DUPLICATE_KEY = "23505";
  private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

  private final Jdbi jdbi;
  private final BooleanSupplier closed;
  private final boolean writeThrough;
  /** H2's writers, one at a time, each with its checkpoint: see {@link #writeThrough()}. Null on PostgreSQL. */
  private final @Nullable ReentrantLock writes;
  private volatile boolean checkpointRefused;

  /**
   * @param jdbi the store's Jdbi
   * @param closed whether the store is closed: work is then refused
   * @param writeThrough whether each committed write is then written to the database's files before the caller
   *     hears of it (H2, see {@link #writeThrough()})
   */
  public TransactionRunner(Jdbi jdbi, BooleanSupplier closed, boolean writeThrough) {
    this.jdbi = jdbi;
    this.closed = closed;
    this.writeThrough = writeThrough;
    this.writes = writeThrough ? new ReentrantLock() : null;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /** Runs idempotent work in a transaction, again when it collided with a concurrent one. */
  public <T> T inRetryingTransaction(String operation, Function<Handle, T> work) {
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      lockWrites();
      try {
        T result = jdbi.inTransaction(work::apply);
        writeThrough();
        return result;
      } catch (CustintelException e) {
        throw e;
      } catch (RuntimeException e) { // Jdbi's exceptions, and JDBC failures of bulk writes wrapped unchecked
        if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
          throw failed(operation, e);
        }
      } finally {
        unlockWrites();
      }
      backOff(attempt); // without the writers' lock, so that the other writer can finish
    }
  }

  /** Runs work in one transaction at the given isolation, read-only when asked. */
  public <T> T inTransaction(
      String operation, TransactionIsolationLevel isolation, boolean readOnly, Function<Handle, T> work) {
    return once(operation, !readOnly, () -> jdbi.inTransaction(isolation, h -> {
      if (readOnly) {
        h.setReadOnly(true);
      }
      return work.apply(h);
    }));
  }

  /** Runs writing work on a handle in auto-commit mode, as a writer (see {@link #writeThrough()}). */
  public <T> T withWriteHandle(String operation, Function<Handle, T> work) {
    return once(operation, true, () -> jdbi.withHandle(work::apply));
  }

  /** Runs work once, as a writer (the writers' lock, then a write-through) when it writes. */
  private <T> T once(String operation, boolean writes, Supplier<T> work) {
    checkOpen();
    if (writes) {
      lockWrites();
    }
    try {
      T result = work.get();
      if (writes) {
        writeThrough();
      }
      return result;
    } catch (CustintelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(operation, e);
    } finally {
      if (writes) {
        unlockWrites();
      }
    }
  }

  private void lockWrites() {
    if (writes != null) {
      writes.lock();
    }
  }

  private void unlockWrites() {
    if (writes != null) {
      writes.unlock();
    }
  }

  /** Runs work on a handle in auto-commit mode. */
  public <T> T withHandle(String operation, Function<Handle, T> work) {
    checkOpen();
    try {
      return jdbi.withHandle(work::apply);
    } catch (CustintelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(operation, e);
    }
  }

  /**
   * H2 writes committed transactions to its file in the background (up to about a second later), so a killed
   * process lost work that had been reported as committed: import batches (issue 11, D8) and acknowledged Slack
   * events alike. {@code CHECKPOINT} writes them before the caller hears of the commit.
   *
   * <p>H2 writes its file map by map, and a map that a transaction changes while the file is being written may be
   * written before or after the change, another map the other way ("consistent snapshot is only ensured for a
   * single map", H2 issue 2080). A process killed before the next write then leaves an index entry whose row was
   * never written: {@code Row not found in primary index} on the next insert, and the rows of a whole batch lost
   * (our fault probe, issue 16). So on H2 the file is only written while no transaction writes: writers take
   * {@link #writes} in turn, each with its checkpoint, and the store switches H2's background writer off
   * ({@code SET WRITE_DELAY 0}, see {@code JdbiStore}). Reads do not change the maps and run alongside.
   *
   * <p>CHECKPOINT needs admin rights: for a user without them, H2's background writing is all there is, and it is
   * not tried again. Any other failure (a pool timeout, say) skips this one checkpoint only. A failed checkpoint
   * does not undo the commit, so it is not reported as a failure of the work.
   */
  private void writeThrough() {
    if (!writeThrough || checkpointRefused) {
      return;
    }
    try {
      jdbi.useHandle(h -> h.execute("CHECKPOINT"));
    } catch (RuntimeException e) {
      checkpointRefused = adminRightsRequired(e);
    }
  }

  /** H2's error 90040, "admin rights are required for this operation", anywhere in the chain. */
  private static boolean adminRightsRequired(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private void checkOpen() {
    if (closed.getAsBoolean()) {
      throw new IllegalStateException("The Custintel store is closed");
    }
  }

  /**
   * @param operation what was being done, such as {@code "Ingesting a batch"}
   * @param e a database failure: Jdbi's exception, or a JDBC one wrapped unchecked
   * @return the failure as this runner reports it, naming the operation and the innermost cause
   */
  public static DataAccessException failed(String operation, RuntimeException e) {
    return new DataAccessException(operation + " failed: " + rootMessage(e), e);
  }

  /** @return whether the failure, or one it wraps, is a unique or primary key violation */
  public static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (DUPLICATE_KEY.equals(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean isTransient(Throwable e) {
    if (isDuplicateKey(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if (state != null
              && (state.equals("40001") // serialization failure
                  || state.equals("40P01") // PostgreSQL deadlock
                  || state.equals("HYT00"))) { // H2 lock timeout
            return true;
          }
          if (s.getErrorCode() == 40001 || s.getErrorCode() == 50200) { // H2 deadlock, lock timeout
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void backOff(int attempt) {
    long millis = ThreadLocalRandom.current().nextLong(5L << attempt, 20L << attempt);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("Interrupted while retrying a transaction", e);
    }
  }

  /** @return the message of the innermost cause, or its class name when it has none */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
