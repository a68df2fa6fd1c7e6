package dev.custintel.core.imports;

/**
 * Receives progress during an import, after each committed batch. Calls come one at a time, from the importing
 * thread or, with several writers, from a writer thread.
 */
@FunctionalInterface
public interface ImportProgressListener {
  /** A listener that ignores progress. */
  ImportProgressListener NONE = progress -> {};

  /**
   * @param progress counts so far
   */
  void onProgress(ImportProgress progress);
}
