package dev.custintel.core.imports;

/** What an import does with a bad row. */
public enum ImportMode {
  /** The first bad row rejects the whole file; nothing is written. */
  STRICT,
  /** Bad rows are skipped and reported with their line numbers; the rest is written. */
  LENIENT
}
