package dev.custintel.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guards the benchmarks and the load driver: they only ever talk to databases on this machine. A JDBC URL is
 * accepted when it is
 *
 * <ul>
 *   <li>{@code jdbc:h2:mem:...} or {@code jdbc:h2:file:...} (no {@code INIT=} script, no server modes), or
 *   <li>{@code jdbc:postgresql://HOST[:PORT][,HOST[:PORT]...]/DB[?PARAMS]} where every HOST is {@code localhost}
 *       or a loopback address literal ({@code 127.x.x.x}, {@code [::1]}), and every parameter is one of a short
 *       list that cannot redirect the connection (no {@code service}, {@code PGHOST}, socket factories...).
 * </ul>
 *
 * Host names other than {@code localhost} are refused without being resolved.
 */
public final class LocalJdbcUrls {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** PostgreSQL URL parameters that cannot send the connection elsewhere (lower case). */
  private static final Set<String> PG_PARAMETERS = Set.of(
      "user", "password", "currentschema", "applicationname", "sslmode", "ssl", "connecttimeout",
      "sockettimeout", "logintimeout", "preparethreshold", "preparedstatementcachequeries",
      "preparedstatementcachesizemib", "defaultrowfetchsize", "tcpkeepalive", "rewritebatchedinserts",
      "binarytransfer", "options", "gssencmode", "loggerlevel", "readonly", "autosave");

  private LocalJdbcUrls() {}

  /**
   * @param url a JDBC URL
   * @return the same URL
   * @throws IllegalArgumentException if it does not point at a database on this machine
   */
  public static String requireLocal(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a JDBC URL is required");
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return requireLocalH2(url, lower);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return requireLocalPostgres(url);
    }
    throw new IllegalArgumentException(
        "only jdbc:h2:mem:, jdbc:h2:file: and jdbc:postgresql://<loopback>/ URLs are allowed (was "
            + redact(url) + ")");
  }

  private static String requireLocalH2(String url, String lower) {
    if (!lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:file:")) {
      throw new IllegalArgumentException("only in-memory (jdbc:h2:mem:) and file (jdbc:h2:file:) H2 databases are "
          + "allowed (was " + redact(url) + ")");
    }
    String settings = lower.replace(" ", "");
    for (String banned : new String[] {";init=", ";auto_server=", ";auto_server_port="}) {
      if (settings.contains(banned)) {
        throw new IllegalArgumentException("the H2 setting " + banned.substring(1, banned.length() - 1).toUpperCase(
            Locale.ROOT) + " is not allowed here (was " + redact(url) + ")");
      }
    }
    return url;
  }

  private static String requireLocalPostgres(String url) {
    String rest = url.substring("jdbc:postgresql:".length());
    if (!rest.startsWith("//")) {
      throw new IllegalArgumentException(
          "a PostgreSQL URL must name its host, as jdbc:postgresql://127.0.0.1:5432/db (was " + redact(url) + ")");
    }
    rest = rest.substring(2);
    int query = rest.indexOf('?');
    String params = query < 0 ? "" : rest.substring(query + 1);
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    int slash = beforeQuery.indexOf('/');
    String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a PostgreSQL URL must name its host (was " + redact(url) + ")");
    }
    for (String hostPort : hosts.split(",", -1)) {
      requireLoopbackHost(hostOf(hostPort, url), url);
    }
    if (!params.isEmpty()) {
      for (String pair : params.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        if (!PG_PARAMETERS.contains(name)) {
          throw new IllegalArgumentException("the PostgreSQL URL parameter '" + name + "' is not allowed here; "
              + "allowed: " + PG_PARAMETERS.stream().sorted().toList());
        }
      }
    }
    return url;
  }

  private static String hostOf(String hostPort, String url) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("malformed IPv6 host in " + redact(url));
      }
      return hostPort.substring(1, end);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static void requireLoopbackHost(String host, String url) {
    if (host.equalsIgnoreCase("localhost")) {
      return;
    }
    boolean literal = IPV4.matcher(host).matches() || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    if (literal) {
      try {
        // A literal address is parsed, never looked up.
        if (InetAddress.getByName(host).isLoopbackAddress()) {
          return;
        }
      } catch (UnknownHostException e) {
        // fall through to the refusal
      }
    }
    throw new IllegalArgumentException("only databases on this machine (localhost, 127.0.0.1, [::1]) are allowed; "
        + "host '" + host + "' is not (URL " + redact(url) + ")");
  }

  /** @return the URL with any password parameter masked, for messages */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
