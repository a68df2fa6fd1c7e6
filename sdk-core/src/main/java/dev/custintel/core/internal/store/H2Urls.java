package dev.custintel.core.internal.store;

import java.util.Locale;

/** How the store opens H2 URLs. Not API. */
public final class H2Urls {
  private H2Urls() {}

  /**
   * Makes an embedded H2 file database durable at commit, unless the URL chooses otherwise (issue 11, D8).
   *
   * <p>H2 writes committed changes to its file in the background, by default up to {@code WRITE_DELAY} = 500 ms
   * later: a process killed in between lost transactions that had committed (an import had reported 92,000 orders
   * written; 88,000 were in the file). With {@code WRITE_DELAY=0} each commit writes its changes to the file
   * before it returns, so a killed process (kill -9) loses no committed transaction. The file is not forced to
   * the disk at each commit (no fsync): a power cut or an operating-system crash may still lose the last commits.
   *
   * @param url a JDBC URL
   * @return the URL with {@code ;WRITE_DELAY=0} added if it is an embedded H2 file database without a
   *     {@code WRITE_DELAY} setting; otherwise the URL unchanged
   */
  public static String durableAtCommit(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") || lower.contains("write_delay")) {
      return url;
    }
    String rest = lower.substring("jdbc:h2:".length());
    for (String other : new String[] {"mem:", "tcp:", "ssl:", "zip:"}) {
      if (rest.startsWith(other)) {
        return url;
      }
    }
    return url + ";WRITE_DELAY=0";
  }
}
