package dev.custintel.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  private static final String SECRET = "test-signing-secret-8f74";
  private static final String BODY =
      "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}";
  /** Computed with openssl, outside the code under test. */
  private static final String SIGNATURE = "v0=efadccca37b13ec89efb71d6fe9b1dfae6b84c7b2fe7b2fd6aea15831d5cacd6";
  private static final long TIMESTAMP = 1772442000L; // FakeTime.START

  private final FakeTime time = new FakeTime();
  private final SignatureVerifier verifier = new SignatureVerifier(SECRET, time);

  @Test
  void knownAnswer_valid() {
    assertThat(verifier.sign("1772442000", BODY)).isEqualTo(SIGNATURE.substring(3));
    assertThat(verifier.verify("1772442000", SIGNATURE, BODY)).isEqualTo(SignatureVerifier.Result.VALID);
  }

  @Test
  void timestampExactlyFiveMinutesOffEitherWay_accepted_oneSecondMore_refused() {
    for (long skew : new long[] {-300, 300}) {
      String ts = String.valueOf(TIMESTAMP + skew);
      assertThat(verifier.verify(ts, "v0=" + verifier.sign(ts, BODY), BODY)).isEqualTo(SignatureVerifier.Result.VALID);
    }
    String old = String.valueOf(TIMESTAMP - 301);
    String ahead = String.valueOf(TIMESTAMP + 301);
    assertThat(verifier.verify(old, "v0=" + verifier.sign(old, BODY), BODY)).isEqualTo(SignatureVerifier.Result.STALE);
    assertThat(verifier.verify(ahead, "v0=" + verifier.sign(ahead, BODY), BODY))
        .isEqualTo(SignatureVerifier.Result.FUTURE);
  }

  @Test
  void replayAfterTheClockMoves_refused() {
    time.advance(Duration.ofMinutes(6));
    assertThat(verifier.verify("1772442000", SIGNATURE, BODY)).isEqualTo(SignatureVerifier.Result.STALE);
  }

  @Test
  void anyChange_mismatch() {
    assertThat(verifier.verify("1772442000", SIGNATURE, BODY + " ")).isEqualTo(SignatureVerifier.Result.MISMATCH);
    assertThat(verifier.verify("1772442001", SIGNATURE, BODY)).isEqualTo(SignatureVerifier.Result.MISMATCH);
    assertThat(verifier.verify("1772442000", SIGNATURE.toUpperCase(), BODY))
        .isEqualTo(SignatureVerifier.Result.MISMATCH);
    assertThat(verifier.verify("1772442000", SIGNATURE.substring(3), BODY))
        .isEqualTo(SignatureVerifier.Result.MISMATCH);
    assertThat(new SignatureVerifier("other-secret", time).verify("1772442000", SIGNATURE, BODY))
        .isEqualTo(SignatureVerifier.Result.MISMATCH);
  }

  @Test
  void missingOrMalformedHeaders_refused() {
    assertThat(verifier.verify(null, SIGNATURE, BODY)).isEqualTo(SignatureVerifier.Result.MISSING_HEADERS);
    assertThat(verifier.verify("1772442000", null, BODY)).isEqualTo(SignatureVerifier.Result.MISSING_HEADERS);
    assertThat(verifier.verify("12:00", SIGNATURE, BODY)).isEqualTo(SignatureVerifier.Result.BAD_TIMESTAMP);
  }

  @Test
  void toString_hidesTheSecret() {
    assertThat(verifier.toString()).doesNotContain(SECRET);
  }
}
