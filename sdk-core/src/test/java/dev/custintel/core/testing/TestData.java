package dev.custintel.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code data/} folder (datasets with their attribution) from any module's tests. */
public final class TestData {
  private TestData() {}

  /**
   * @param relative path under {@code data/}, such as {@code clv/CDNOW_master.txt}
   * @return the file
   * @throws IllegalStateException if the file is missing
   */
  public static Path file(String relative) {
    Path dir = dataDir();
    Path file = dir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Test data file missing: " + file.toAbsolutePath());
    }
    return file;
  }

  /** @return the {@code data/} folder: the system property {@code custintel.dataDir}, else found upward */
  public static Path dataDir() {
    String configured = System.getProperty("custintel.dataDir");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("data/README.md"))) {
        return p.resolve("data");
      }
    }
    throw new IllegalStateException("Cannot find the data/ folder from " + Path.of("").toAbsolutePath());
  }
}
