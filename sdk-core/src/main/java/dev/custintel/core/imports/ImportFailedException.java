package dev.custintel.core.imports;

import dev.custintel.core.DataAccessException;

/**
 * Thrown when the database fails during a file import, after some of the file may have been written. The message
 * names the file and the lines of the batch that failed; {@link #committed()} says exactly what stayed written.
 *
 * <p>In {@link ImportMode#STRICT} mode nothing of the file stays written, so the committed report counts no
 * written order. In {@link ImportMode#LENIENT} mode the batches committed before the failure stay written: importing
 * the file again once the cause is fixed completes it (orders already stored count as unchanged).
 */
public final class ImportFailedException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: a deserialized exception keeps its message only. */
  private final transient ImportReport committed;

  /**
   * @param message what failed, naming the file and lines
   * @param committed what the import had committed when it failed
   * @param cause the database failure
   */
  public ImportFailedException(String message, ImportReport committed, Throwable cause) {
    super(message, cause);
    this.committed = committed;
  }

  /**
   * What the import had read and committed when it failed: {@link ImportReport#ordersWritten()} orders are stored
   * (0 in strict mode), {@link ImportReport#rowsRead()} rows had been read.
   *
   * @return the report up to the failure
   */
  public ImportReport committed() {
    return committed;
  }
}
