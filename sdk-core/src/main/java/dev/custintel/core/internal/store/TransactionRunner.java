package dev.custintel.core.internal.store;

import dev.custintel.core.CustintelException;
import dev.custintel.core.DataAccessException;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs work in a transaction, retrying when it collided with a concurrent one. Not API.
 *
 * <p>Ingestion reads which keys exist and then inserts the missing ones; a concurrent batch can insert the same
 * key in between. The database then refuses the second insert (unique violation) or picks a deadlock victim; the
 * whole transaction is rolled back and run again, and the second run sees the committed rows. Work must be
 * idempotent for this, which ingestion is.
 */
public final class TransactionRunner {
  private static final int MAX_ATTEMPTS = 6;

  private final Jdbi jdbi;

  public TransactionRunner(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public <T> T inTransaction(String operation, Function<Handle, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work::apply);
      } catch (CustintelException e) {
        throw e;
      } catch (RuntimeException e) { // Jdbi's exceptions, and JDBC failures of bulk writes wrapped unchecked
        if (attempt < MAX_ATTEMPTS && isTransient(e)) {
          backOff(attempt);
          continue;
        }
        throw new DataAccessException(operation + " failed: " + rootMessage(e), e);
      }
    }
  }

  public <T> T withHandle(String operation, Function<Handle, T> work) {
    try {
      return jdbi.withHandle(work::apply);
    } catch (CustintelException e) {
      throw e;
    } catch (JdbiException e) {
      throw new DataAccessException(operation + " failed: " + rootMessage(e), e);
    }
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          String state = s.getSQLState();
          if (state != null
              && (state.equals("23505") // unique violation (both databases)
                  || state.equals("40001") // serialization failure
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

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
