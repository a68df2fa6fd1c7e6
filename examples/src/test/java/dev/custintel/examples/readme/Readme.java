package dev.custintel.examples.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The repository's README.md, read as the tests need it: its {@code ## } sections and its fenced code blocks, each
 * with the HTML comment written just before it (the block's marker, invisible on GitHub).
 *
 * @param file the README
 * @param lines its lines
 */
public record Readme(Path file, List<String> lines) {

  /**
   * A fenced code block.
   *
   * @param language the fence's info string, such as {@code java} or {@code bash}
   * @param section the {@code ## } heading it is under, without the hashes ("" before the first)
   * @param line the README line of its first code line, 1-based
   * @param code its lines, without the fences
   * @param marker the text of an HTML comment ({@code <!-- ... -->}) that ends on the line just before the opening
   *     fence, trimmed, or null
   */
  public record Block(String language, String section, int line, List<String> code, @Nullable String marker) {
    /** @return where the block is, for messages: {@code README.md:123 (section "Quick start")} */
    public String where() {
      return "README.md:" + line + " (section \"" + section + "\")";
    }
  }

  /** @return the README of the repository the tests run in, found upward from the working directory */
  public static Readme load() {
    Path root = projectRoot();
    Path file = root.resolve("README.md");
    try {
      return new Readme(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository's root: the nearest directory, from the working directory (the module's, under Maven and IDEs)
   * upward, that holds README.md and the parent pom listing the examples module.
   *
   * @return the root
   * @throws IllegalStateException if there is none
   */
  public static Path projectRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(pom)) {
        try {
          if (Files.readString(pom, StandardCharsets.UTF_8).contains("<module>examples</module>")) {
            return p;
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("No README.md beside a pom.xml with <module>examples</module> from " + start);
  }

  /** @return every fenced code block, in order */
  public List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    String section = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
        continue;
      }
      if (!line.startsWith("```")) {
        continue;
      }
      String language = line.substring(3).strip();
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException("README.md:" + (i + 1) + ": a code fence that is never closed");
      }
      blocks.add(new Block(language, section, start + 1, List.copyOf(lines.subList(start, end)), markerBefore(i)));
      i = end;
    }
    return blocks;
  }

  /**
   * @param language such as {@code java}
   * @return the blocks of that language, in order
   */
  public List<Block> blocks(String language) {
    return blocks().stream().filter(b -> b.language().equals(language)).toList();
  }

  /**
   * @param heading a {@code ## } heading, without the hashes
   * @return the section's lines (after the heading, up to the next {@code ## } heading), or empty if there is none
   */
  public Optional<List<String>> section(String heading) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("## " + heading)) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
          end++;
        }
        return Optional.of(List.copyOf(lines.subList(i + 1, end)));
      }
    }
    return Optional.empty();
  }

  /** The HTML comment that ends on the line before the fence at {@code fence}, or null. */
  private @Nullable String markerBefore(int fence) {
    int end = fence - 1;
    if (end < 0 || !lines.get(end).strip().endsWith("-->")) {
      return null;
    }
    int start = end;
    while (start >= 0 && !lines.get(start).contains("<!--")) {
      start--;
    }
    if (start < 0) {
      return null;
    }
    String text = String.join("\n", lines.subList(start, end + 1)).strip();
    return text.substring(text.indexOf("<!--") + 4, text.lastIndexOf("-->")).strip();
  }
}
