package dev.custintel.gorgias.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log line written through SLF4J during the tests, as {@code LEVEL logger - message} followed by the
 * messages of the throwable and its causes. Filled by {@link CapturingSlf4jProvider}.
 */
public final class CapturedLogs {
  private static final List<String> LINES = new CopyOnWriteArrayList<>();

  private CapturedLogs() {}

  public static List<String> lines() {
    return List.copyOf(LINES);
  }

  public static void clear() {
    LINES.clear();
  }

  static void add(String line) {
    LINES.add(line);
  }
}
