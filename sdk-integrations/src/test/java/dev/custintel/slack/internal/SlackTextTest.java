package dev.custintel.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlackTextTest {

  @Test
  void plain_turnsSlackMarkupIntoText() {
    assertThat(SlackText.plain("Mail <mailto:ada@example.com|ada@example.com> about <https://shop.test/o/1|order 1>,"
        + " see <https://shop.test/faq>, ping <@U123> in <#C9|support> <!here> &lt;3 &amp; more"))
        .isEqualTo("Mail ada@example.com about order 1 (https://shop.test/o/1), see https://shop.test/faq,"
            + " ping @U123 in #support @here <3 & more");
    assertThat(SlackText.plain("<mailto:bob@example.com>")).isEqualTo("bob@example.com");
    assertThat(SlackText.plain("<https://a.test|https://a.test>")).isEqualTo("https://a.test");
  }

  @Test
  void subject_firstNonBlankLine_cutTo120() {
    assertThat(SlackText.subject("\n  \n  Parcel damaged  \nsecond line")).isEqualTo("Parcel damaged");
    assertThat(SlackText.subject(" \n ")).isNull();
    String subject = SlackText.subject("x".repeat(200));
    assertThat(subject).hasSize(120).endsWith("…");
  }

  @Test
  void question_takesOutTheAppsMentionsOnly() {
    assertThat(SlackText.question("<@UBOT> how many <@UALICE> orders?  <@UBOT|custintel>", Set.of("UBOT")))
        .isEqualTo("how many <@UALICE> orders?");
    assertThat(SlackText.question("<@UBOT> top customers", Set.of())).isEqualTo("top customers");
    assertThat(SlackText.question("<@UBOT>", Set.of("UBOT"))).isEmpty();
  }

  @Test
  void instant_fromTs() {
    assertThat(SlackText.instant("1712345678.000200")).isEqualTo(Instant.parse("2024-04-05T19:34:38.000200Z"));
    assertThat(SlackText.instant("not-a-ts")).isNull();
  }
}
