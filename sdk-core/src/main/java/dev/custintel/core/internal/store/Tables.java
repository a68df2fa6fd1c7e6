package dev.custintel.core.internal.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code {table}} placeholders in SQL to prefixed table names. Not API.
 *
 * <p>The prefix is validated by the builder ({@code [a-z][a-z0-9_]{0,15}}), so splicing it into SQL is safe.
 */
public final class Tables {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private final String prefix;

  public Tables(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** Replaces each {@code {name}} with {@code <prefix>name}. */
  public String sql(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 32);
    while (m.find()) {
      m.appendReplacement(out, prefix + m.group(1));
    }
    m.appendTail(out);
    return out.toString();
  }
}
