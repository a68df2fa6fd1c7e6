package dev.custintel.core.csv;

import dev.custintel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a UTF-8 text file one line at a time and counts physical lines (1-based), so that errors can name
 * {@code "line N"} as a text editor numbers it. The core's CSV import and the analytics basket readers share it.
 *
 * <p>Lines may end with LF, CRLF or CR; a byte-order mark at the start of the file is dropped. Bytes that are not
 * UTF-8 fail with an {@link InvalidInputException} on field {@code "file"} whose record is {@link #recordName()};
 * other read failures with an {@link UncheckedIOException}. Memory held is one line at a time plus the read
 * buffer, whatever the file's size.
 *
 * <p>Not thread-safe: one reader belongs to one reading loop. Close it (try-with-resources) to release the file.
 */
public final class LineReader implements Closeable {
  private static final char BOM = '\uFEFF';

  private final Path file;
  private final BufferedReader reader;
  private long lineNumber;

  private LineReader(Path file, BufferedReader reader) {
    this.file = file;
    this.reader = reader;
  }

  /**
   * @param file the file
   * @return a reader positioned before the first line
   * @throws NullPointerException if {@code file} is null
   * @throws InvalidInputException on field {@code "file"} if the file does not exist or is a directory
   * @throws UncheckedIOException if it cannot be opened
   */
  public static LineReader open(Path file) {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(recordName(file), "file", "is a directory");
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(recordName(file), "file", "does not exist");
    }
    try {
      return new LineReader(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(recordName(file), "file", "does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file, e);
    }
  }

  /**
   * The name exceptions about a file use as their record: the file name without its directories.
   *
   * @param file the file
   * @return such as {@code "CDNOW_master.txt"}
   * @throws NullPointerException if {@code file} is null
   */
  public static String recordName(Path file) {
    Objects.requireNonNull(file, "file");
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /**
   * @return the next line without its terminator, or null at the end of the file
   * @throws InvalidInputException on field {@code "file"} if the file is not UTF-8 text
   * @throws UncheckedIOException if the file cannot be read
   */
  public @Nullable String readLine() {
    String line;
    try {
      line = reader.readLine();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          recordName(file), "file", "is not UTF-8 text (bad bytes after line " + lineNumber + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " after line " + lineNumber, e);
    }
    if (line == null) {
      return null;
    }
    lineNumber++;
    if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
      line = line.substring(1);
    }
    return line;
  }

  /**
   * Skips blank lines.
   *
   * @return the next line that is not blank, or null at the end of the file
   */
  public @Nullable String readNonBlankLine() {
    String line = readLine();
    while (line != null && line.isBlank()) {
      line = readLine();
    }
    return line;
  }

  /** @return the 1-based number of the line last returned; 0 before the first */
  public long lineNumber() {
    return lineNumber;
  }

  /** @return the name to use as the record of exceptions about this file */
  public String recordName() {
    return recordName(file);
  }

  /** Closes the file; a failure to close is an {@link UncheckedIOException}. */
  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }
}
