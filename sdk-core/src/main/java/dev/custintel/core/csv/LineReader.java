package dev.custintel.core.csv;

import dev.custintel.core.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a UTF-8 text file one line at a time and counts physical lines (1-based), so that errors can name
 * {@code "line N"} as a text editor numbers it. Lines are split on bytes and each is decoded on its own, so that
 * bytes that are not UTF-8 are reported on the exact line that holds them. The core's CSV import and the analytics basket readers share it.
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

  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[BUFFER];
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private byte[] line = new byte[256];
  private long lineNumber;

  private LineReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
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
      return new LineReader(file, Files.newInputStream(file));
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
    int length;
    try {
      length = readLineBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " after line " + lineNumber, e);
    }
    if (length < 0) {
      return null;
    }
    lineNumber++;
    String text = decode(length);
    if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
      text = text.substring(1);
    }
    return text;
  }

  /**
   * Reads the next line's bytes into {@link #line}, without its terminator (LF, CRLF or CR: in UTF-8 those bytes
   * are never part of another character).
   *
   * @return the line's length, or -1 at the end of the file
   */
  private int readLineBytes() throws IOException {
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, BUFFER);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? length : -1;
        }
      }
      byte b = buffer[position++];
      if (skipLineFeed) {
        skipLineFeed = false;
        if (b == '\n') {
          continue; // the LF of a CRLF
        }
      }
      any = true;
      if (b == '\n') {
        return length;
      }
      if (b == '\r') {
        skipLineFeed = true;
        return length;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, length * 2);
      }
      line[length++] = b;
    }
  }

  private String decode(int length) {
    boolean ascii = true;
    for (int i = 0; i < length && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (ascii) {
      return new String(line, 0, length, StandardCharsets.US_ASCII);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          recordName(file), "file", "is not UTF-8 text (bad bytes on line " + lineNumber + ")");
    }
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
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }
}
