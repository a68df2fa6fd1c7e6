package dev.custintel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNotReadyExceptionTest {

  @Test
  void message_namesTheModelAndSaysHowToFitIt() {
    ModelNotReadyException e = new ModelNotReadyException("clv");

    assertThat(e).isInstanceOf(CustintelException.class).hasNoCause();
    assertThat(e.kind()).isEqualTo("clv");
    assertThat(e.getMessage()).isEqualTo("The 'clv' model is not ready: no run of it is active yet."
        + " Fit it with ci.models().refresh(), then try again.");
  }
}
