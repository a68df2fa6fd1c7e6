package dev.custintel.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlackEventsHandlerBuilderTest {

  @Test
  void build_withoutSecretClientsOrStore_namesWhatIsMissing() {
    assertThatThrownBy(() -> SlackEventsHandler.builder().build()).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid signingSecret: is required");
    assertThatThrownBy(() -> SlackEventsHandler.builder().signingSecret("s").build())
        .hasMessage("Invalid slack: is required");
  }

  @Test
  void options_checkedAtOnce() {
    SlackEventsHandler.Builder b = SlackEventsHandler.builder();
    assertThatThrownBy(() -> b.ticketReactions(Set.of(":ticket:"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("without colons");
    assertThatThrownBy(() -> b.closeReactions(Set.of())).hasMessageContaining("at least one reaction");
    assertThatThrownBy(() -> b.ticketUrlTemplate("https://acme.gorgias.com/app/ticket/"))
        .hasMessageContaining("must contain {id}");
    assertThatThrownBy(() -> b.eventRetention(Duration.ofMinutes(5))).hasMessageContaining("at least 10 minutes");
    assertThatThrownBy(() -> b.fallbackCustomerEmail("nobody")).hasMessageContaining("must be an email address");
    assertThatThrownBy(() -> b.maxAttempts(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> b.messageCache(0, Duration.ofHours(1))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> b.signingSecret(" ")).isInstanceOf(InvalidInputException.class);
    assertThat(b.signingSecret("shh-secret").toString()).contains("(redacted)").doesNotContain("shh-secret");
  }

  @Test
  void request_headersAnyCase_firstValue_bodyNotInToString() {
    SlackRequest r = SlackRequest.of("{\"a\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Map.of("X-Slack-Signature", List.of("v0=1", "v0=2"), "Empty", List.of()));

    assertThat(r.body()).isEqualTo("{\"a\":\"é\"}");
    assertThat(r.header("x-slack-signature")).isEqualTo("v0=1");
    assertThat(r.header("Empty")).isNull();
    assertThat(r.toString()).doesNotContain("é");
    assertThatThrownBy(() -> new SlackRequest(null, Map.of())).isInstanceOf(NullPointerException.class)
        .hasMessage("body");
  }
}
