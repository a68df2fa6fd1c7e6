package dev.custintel.slack;

/**
 * Answers a question someone asked the app in Slack by mentioning it. The SDK's {@code CustomerIntelligence::ask}
 * fits, adapted to return its text; any function of a question to an answer will do. Called on the handler's
 * executor; may take its time (the event was acknowledged before).
 */
@FunctionalInterface
public interface QuestionAnswerer {

  /**
   * @param question the mention's text with the app's own mention removed, trimmed, not blank; in Slack's markup
   * @return the answer to post in the thread, in Slack's markup; blank for "no answer"
   */
  String answer(String question);
}
