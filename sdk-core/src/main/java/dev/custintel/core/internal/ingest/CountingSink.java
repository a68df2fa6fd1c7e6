package dev.custintel.core.internal.ingest;

import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.internal.imports.ParsedOrderSink;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser's sink that counts the rows as an import's report gives them: rows read, every rejected (malformed)
 * and skipped (unusable) row counted, the first {@link ImportOptions#maxReportedRejections()} of each listed, and in
 * strict mode the first rejected row failing the import. The importer's sink and the read into memory extend it, so
 * that both report alike. Rows come from one thread; the counts of rows read and rejected may be read from another
 * (progress). Not API.
 */
abstract class CountingSink implements ParsedOrderSink {
  /** The import's options. */
  final ImportOptions options;
  private final String fileName;
  private final List<RejectedRow> rejected = new ArrayList<>();
  private final List<RejectedRow> skipped = new ArrayList<>();
  private volatile long rowsRead;
  private volatile long rejectedCount;
  private long skippedCount;

  /**
   * @param options the import's mode and listing limit
   * @param fileName the file's name, for the error of strict mode
   */
  CountingSink(ImportOptions options, String fileName) {
    this.options = options;
    this.fileName = fileName;
  }

  @Override
  public final void rowRead() {
    rowsRead++;
  }

  /**
   * Counts and lists a rejected row.
   *
   * @param row the row
   * @throws dev.custintel.core.InvalidInputException in strict mode, naming the file, line, field and reason
   */
  @Override
  public final void rejected(RejectedRow row) {
    if (options.mode() == ImportMode.STRICT) {
      throw FileImporter.strictRejection(fileName, row);
    }
    rejectedCount++;
    if (rejected.size() < options.maxReportedRejections()) {
      rejected.add(row);
    }
  }

  @Override
  public final void skipped(RejectedRow row) {
    skippedCount++;
    if (skipped.size() < options.maxReportedRejections()) {
      skipped.add(row);
    }
  }

  /** @return the file's name, as rejections name it */
  final String fileName() {
    return fileName;
  }

  final long rowsRead() {
    return rowsRead;
  }

  final long rejectedCount() {
    return rejectedCount;
  }

  final List<RejectedRow> rejectedRows() {
    return rejected;
  }

  final long skippedCount() {
    return skippedCount;
  }

  final List<RejectedRow> skippedRows() {
    return skipped;
  }
}
