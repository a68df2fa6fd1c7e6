package dev.custintel.integrations.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void nullArgument_npeNamingTheParameter_inEveryCheck() {
    assertThatThrownBy(() -> Args.notNull(null, "clock")).isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> Args.text(null, "channelId", 32)).isInstanceOf(NullPointerException.class)
        .hasMessage("channelId");
    assertThatThrownBy(() -> Args.email(null, "email")).isInstanceOf(NullPointerException.class)
        .hasMessage("email");
    assertThatThrownBy(() -> Args.baseUrl(null, "baseUrl")).isInstanceOf(NullPointerException.class)
        .hasMessage("baseUrl");
    assertThatThrownBy(() -> Args.positive(null, "timeout")).isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void requiredSettingMissing_invalidInput_notAnNpe() {
    assertThatThrownBy(() -> Args.required(null, "botToken"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("botToken");
          assertThat(e.reason()).isEqualTo("is required");
        });
    assertThat(Args.required("x", "botToken")).isEqualTo("x");
  }

  @Test
  void badValues_invalidInputNamingTheField() {
    assertThatThrownBy(() -> Args.text(" ", "text", 5)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid text: must not be blank");
    assertThatThrownBy(() -> Args.positive(Duration.ZERO, "timeout")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("timeout").hasMessageContaining("positive");
    assertThatThrownBy(() -> Args.baseUrl("http://example.com", "baseUrl")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must use https");
    assertThat(Args.baseUrl("http://127.0.0.1:8080/", "baseUrl").port()).isEqualTo(8080);
  }
}
