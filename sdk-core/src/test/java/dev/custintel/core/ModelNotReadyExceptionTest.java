package dev.custintel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNotReadyExceptionTest {

  @Test
  void message_namesTheModelAndSaysHowToFitOrActivateIt() {
    ModelNotReadyException e = new ModelNotReadyException("clv");

    assertThat(e).isInstanceOf(CustintelException.class).hasNoCause();
    assertThat(e.kind()).isEqualTo("clv");
    assertThat(e.getMessage()).isEqualTo("The 'clv' model is not ready: no run of it is active (none was fitted,"
        + " or none was activated). Fit one with ci.models().refresh() (CLI: custintel models refresh), or activate"
        + " an existing run with ci.models().activate(id), then try again.");
  }
}
