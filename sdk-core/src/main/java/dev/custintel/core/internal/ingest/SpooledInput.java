package dev.custintel.core.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file to import, as a path that can be read more than once (issue 11, D5). The importer reads some files twice
 * (strict mode checks every row before writing; the Online Retail layout finds each invoice's last row first), but
 * a pipe, a named FIFO or {@code /dev/stdin} can be read only once: the second read used to find nothing
 * ({@code rowsRead 0}, or "file is empty" in strict mode) or, on a FIFO, to wait forever for a writer. Such an input
 * is copied once, as it comes, into a private temporary directory under {@code java.io.tmpdir}, under its own name
 * (so that messages name {@code stdin} or the FIFO, not a temporary file), and deleted when the import ends. It
 * needs as much temporary disk space as the input. A regular file is used in place. Not API.
 */
final class SpooledInput implements AutoCloseable {
  private final Path path;
  private final boolean copied;

  private SpooledInput(Path path, boolean copied) {
    this.path = path;
    this.copied = copied;
  }

  /**
   * @param file the file to import
   * @return the file itself if it is a regular file (or missing, or a directory: the parser says so), else a copy
   * @throws UncheckedIOException if copying fails
   */
  static SpooledInput of(Path file) {
    if (Files.isRegularFile(file) || !Files.exists(file) || Files.isDirectory(file)) {
      return new SpooledInput(file, false);
    }
    Path dir = null;
    Path copy = null;
    try {
      dir = Files.createTempDirectory("custintel-import-");
      copy = copyPath(dir, file);
      try (InputStream in = Files.newInputStream(file)) {
        Files.copy(in, copy);
      }
      return new SpooledInput(copy, true);
    } catch (IOException e) {
      if (copy != null) {
        deleteQuietly(copy);
      }
      if (dir != null) {
        deleteQuietly(dir);
      }
      throw new UncheckedIOException("Cannot read " + file + " into a temporary file", e);
    }
  }

  /**
   * The copy's path: the input's bare name inside the temporary directory, never anything outside it. (A name that
   * resolved to an absolute path, such as a device's whole path, would make the copy, and the clean-up after a
   * failed copy, touch the input itself.)
   */
  static Path copyPath(Path dir, Path file) {
    Path name = file.getFileName();
    Path copy = dir.resolve(name == null ? "input" : name.toString()).normalize();
    if (!dir.equals(copy.getParent())) {
      copy = dir.resolve("input");
    }
    return copy;
  }

  /** @return a path to read, as often as needed */
  Path path() {
    return path;
  }

  /** Deletes the copy, if one was made. */
  @Override
  public void close() {
    if (copied) {
      deleteQuietly(path);
      Path dir = path.getParent();
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary file left behind is not worth failing an import for; the OS cleans java.io.tmpdir
    }
  }
}
