package dev.custintel.slack.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Slack's message markup, turned into plain text for a ticket, and mentions taken out of a question. Not API. */
final class SlackText {
  /** {@code <target>} or {@code <target|label>}. */
  private static final Pattern ANGLE = Pattern.compile("<([^<>|]+)(?:\\|([^<>]*))?>");
  private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*<@[A-Z0-9]+(?:\\|[^>]*)?>");
  static final int MAX_SUBJECT = 120;

  private SlackText() {}

  /**
   * Plain text: {@code <mailto:a@b|a@b>} becomes {@code a@b}, {@code <https://x|label>} becomes
   * {@code label (https://x)}, {@code <@U1>} becomes {@code @U1}, {@code <#C1|general>} becomes {@code #general},
   * {@code <!here>} becomes {@code @here}; then {@code &lt; &gt; &amp;} are unescaped.
   */
  static String plain(String markup) {
    Matcher m = ANGLE.matcher(markup);
    StringBuilder out = new StringBuilder(markup.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(link(m.group(1), m.group(2))));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String link(String target, @Nullable String label) {
    if (target.startsWith("mailto:")) {
      return label != null ? label : target.substring("mailto:".length());
    }
    if (target.startsWith("@") || target.startsWith("!")) {
      return "@" + (label != null ? label : target.substring(1));
    }
    if (target.startsWith("#")) {
      return "#" + (label != null ? label : target.substring(1));
    }
    return label == null || label.equals(target) ? target : label + " (" + target + ")";
  }

  /** @return the first non-blank line, cut to 120 characters; null if the text is blank */
  static @Nullable String subject(String plain) {
    for (String line : plain.split("\\R")) {
      String s = line.strip();
      if (!s.isEmpty()) {
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 1).strip() + "…";
      }
    }
    return null;
  }

  /**
   * Takes the app's mentions out of a mention's text. With no known bot user id, takes out the leading mention
   * (an {@code app_mention} starts with one, unless the app was mentioned mid-sentence).
   */
  static String question(String text, Set<String> botUserIds) {
    String q = text;
    if (botUserIds.isEmpty()) {
      q = LEADING_MENTION.matcher(q).replaceFirst("");
    }
    for (String id : botUserIds) {
      q = q.replaceAll("<@" + Pattern.quote(id) + "(?:\\|[^>]*)?>", "");
    }
    return q.strip().replaceAll("[ \\t]{2,}", " ");
  }

  /** @return the instant a ts names ({@code 1712345678.000200}: seconds and microseconds), or null if it is not one */
  static @Nullable Instant instant(String ts) {
    try {
      BigDecimal seconds = new BigDecimal(ts);
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
