package dev.custintel.slack.internal;

import dev.custintel.gorgias.GorgiasException;
import org.jspecify.annotations.Nullable;

/** What the app says in threads (Slack markup). One place, so the wording stays consistent. Not API. */
final class Replies {
  private Replies() {}

  static String ticket(long ticketId, @Nullable String url) {
    return url == null ? "#" + ticketId : "<" + url + "|#" + ticketId + ">";
  }

  static String created(long ticketId, @Nullable String url) {
    return ":ticket: Created Gorgias ticket " + ticket(ticketId, url) + ".";
  }

  static String existing(long ticketId, @Nullable String url) {
    return ":ticket: This message already has Gorgias ticket " + ticket(ticketId, url) + ".";
  }

  static String createFailed(String problem, String reaction) {
    return ":warning: Could not create the Gorgias ticket: " + problem + ". Nothing is lost: react with :"
        + reaction + ": again to retry (it is also retried automatically).";
  }

  static String unreadable(String reason, String reaction) {
    return ":warning: Could not read this message to make a ticket (" + reason + "). React with :" + reaction
        + ": again in a minute.";
  }

  static String noCustomer(String reaction, boolean idPattern) {
    return ":grey_question: No customer found in this message. Add " + (idPattern ? "the customer's id or " : "")
        + "email address, then react with :" + reaction + ": again.";
  }

  static String closed(long ticketId, @Nullable String url) {
    return ":white_check_mark: Closed Gorgias ticket " + ticket(ticketId, url) + ".";
  }

  static String closeFailed(long ticketId, @Nullable String url, GorgiasException e, String reaction) {
    return ":warning: Could not close Gorgias ticket " + ticket(ticketId, url) + ": " + gorgiasProblem(e)
        + ". Remove and add :" + reaction + ": again to retry.";
  }

  static String emptyQuestion() {
    return "Ask me something after the mention, such as _which customers haven't ordered in 90 days?_";
  }

  static String answerFailed() {
    return ":warning: Sorry, I could not answer that just now.";
  }

  static String noAnswer() {
    return "I have no answer to that.";
  }

  /** A short account of a Gorgias failure, for people: status and attempts, not the API's body. */
  static String gorgiasProblem(GorgiasException e) {
    String what = e.status() == 0 ? "Gorgias did not respond" : "Gorgias answered " + e.status();
    return what + (e.attempts() > 1 ? " (" + e.attempts() + " attempts)" : "");
  }

  /** The stored summary of a failure: type and message, which never hold credentials. */
  static String lastError(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
