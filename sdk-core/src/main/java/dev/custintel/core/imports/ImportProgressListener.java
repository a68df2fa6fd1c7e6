package dev.custintel.core.imports;

/** Receives progress during an import; called on the importing thread, after each committed batch. */
@FunctionalInterface
public interface ImportProgressListener {
  /** A listener that ignores progress. */
  ImportProgressListener NONE = progress -> {};

  /**
   * @param progress counts so far
   */
  void onProgress(ImportProgress progress);
}
