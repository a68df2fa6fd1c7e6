package dev.custintel.spring.internal.slack;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.core.InvalidInputException;
import dev.custintel.slack.QuestionAnswerer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Answers a Slack mention with {@link CustomerIntelligence#ask(String)}: the sentence, what was understood (so that
 * the asker can correct it), the first ten rows as a table in a code block, and a link to the dashboard when its
 * address is configured. Text from the data is escaped for Slack's markup ({@code &}, {@code <}, {@code >}). Not
 * API.
 */
public final class AskAnswerer implements QuestionAnswerer {
  /** Rows shown in a reply; the rest are counted. */
  static final int ROWS = 10;

  private final CustomerIntelligence ci;
  private final @Nullable String dashboardUrl;

  /**
   * @param ci the facade
   * @param dashboardUrl the dashboard's address, or null for no link
   */
  public AskAnswerer(CustomerIntelligence ci, @Nullable String dashboardUrl) {
    this.ci = Objects.requireNonNull(ci, "ci");
    this.dashboardUrl = dashboardUrl == null || dashboardUrl.isBlank() ? null : dashboardUrl.strip();
  }

  @Override
  public String answer(String question) {
    Answer a;
    try {
      a = ci.ask(question);
    } catch (InvalidInputException e) {
      return escape(e.getMessage() == null ? "I could not read that question." : e.getMessage());
    }
    StringBuilder out = new StringBuilder(escape(a.answer()));
    if (a.understood() != null) {
      out.append("\n_Understood: ").append(escape(a.understood())).append("_");
    }
    String table = a.textTable(ROWS);
    if (!table.isEmpty()) {
      out.append("\n```\n").append(escape(table).replace("```", "'''")).append("```");
    }
    if (dashboardUrl != null) {
      out.append("\n<").append(dashboardUrl.replace(">", "%3E").replace("|", "%7C")).append("|Open the dashboard>");
    }
    return out.toString();
  }

  /** Slack's three control characters in text: &amp;, &lt; and &gt;. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
