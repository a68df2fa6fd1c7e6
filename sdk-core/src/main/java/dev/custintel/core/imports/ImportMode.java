package dev.custintel.core.imports;

/** What an import does with a bad row. */
public enum ImportMode {
  /**
   * All or nothing: the first bad row, or any database failure, rejects the whole file and nothing of it is
   * written. The file is read once and written in one transaction, on one connection (the writers option is not
   * used), committed when the whole file has been read.
   */
  STRICT,
  /**
   * Bad rows are skipped and reported with their line numbers; the rest is written, batch after batch, each batch
   * committed on its own. A database failure stops the import with an {@link ImportFailedException} saying what
   * was committed.
   */
  LENIENT
}
