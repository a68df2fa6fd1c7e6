package dev.custintel.core.imports;

import dev.custintel.core.DataAccessException;

/**
 * Thrown when the database fails during a file import, after some of the file may have been written. The message
 * names the file and the lines of the batch that failed; {@link #committed()} says what is known to have stayed
 * written. When the connection broke while a batch was committing, the client cannot know whether that commit took
 * place (the fault probe in {@code benchmarks/fault} sees it when it kills PostgreSQL): the failed batch may then be
 * stored too. Importing the file again settles it either way, since a re-import writes each order once.
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
   * What the import had read and committed when it failed: {@link ImportReport#ordersWritten()} orders are known to
   * be stored (0 in strict mode), plus the failed batch if the connection broke during its commit;
   * {@link ImportReport#rowsRead()} rows had been read.
   *
   * @return the report up to the failure
   */
  public ImportReport committed() {
    return committed;
  }
}
