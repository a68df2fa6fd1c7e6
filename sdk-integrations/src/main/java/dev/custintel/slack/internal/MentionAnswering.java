package dev.custintel.slack.internal;

import dev.custintel.slack.QuestionAnswerer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mention: the question, without the app's mention, goes to the answerer; the answer to the thread. Not API. */
final class MentionAnswering {
  private static final Logger LOG = LoggerFactory.getLogger(MentionAnswering.class);
  /** chat.postMessage's limit is 40,000 characters; answers are cut well below it. */
  static final int MAX_ANSWER = 3_900;

  private final QuestionAnswerer answerer;
  private final Replier replier;

  MentionAnswering(QuestionAnswerer answerer, Replier replier) {
    this.answerer = answerer;
    this.replier = replier;
  }

  void onMention(InboundEvent.Mention mention, Set<String> botUserIds) {
    String question = SlackText.question(mention.text(), botUserIds);
    String reply;
    if (question.isEmpty()) {
      reply = Replies.emptyQuestion();
    } else {
      reply = answer(question);
    }
    replier.reply(mention.channelId(), mention.replyThreadTs(), reply);
  }

  private String answer(String question) {
    String answer;
    try {
      answer = answerer.answer(question);
    } catch (RuntimeException e) {
      LOG.warn("The question answerer failed: {}", e.toString());
      return Replies.answerFailed();
    }
    if (answer == null || answer.isBlank()) {
      return Replies.noAnswer();
    }
    return answer.length() <= MAX_ANSWER ? answer : answer.substring(0, MAX_ANSWER - 1) + "…";
  }
}
