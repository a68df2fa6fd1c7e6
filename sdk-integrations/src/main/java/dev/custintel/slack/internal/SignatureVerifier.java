package dev.custintel.slack.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks Slack's request signature: {@code X-Slack-Signature} must equal {@code v0=} and the hex HMAC-SHA256, keyed
 * with the signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>}; and the timestamp must be within
 * five minutes of now, in either direction (a replayed old request and one dated ahead are both refused). The
 * comparison takes the same time wherever the strings differ. Not API.
 */
final class SignatureVerifier {
  /** Slack's documented replay window. */
  static final long MAX_SKEW_SECONDS = 5 * 60;
  private static final String ALGORITHM = "HmacSHA256";

  /** Why a request was refused; never says anything about the secret or the expected signature. */
  enum Result {
    VALID(""),
    MISSING_HEADERS("no X-Slack-Request-Timestamp or X-Slack-Signature header"),
    BAD_TIMESTAMP("the timestamp is not a number of seconds"),
    STALE("the timestamp is more than 5 minutes old"),
    FUTURE("the timestamp is more than 5 minutes ahead"),
    MISMATCH("the signature does not match");

    private final String reason;

    Result(String reason) {
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final SecretKeySpec key;
  private final Clock clock;

  SignatureVerifier(String signingSecret, Clock clock) {
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = clock;
  }

  Result verify(@Nullable String timestamp, @Nullable String signature, String body) {
    if (timestamp == null || signature == null) {
      return Result.MISSING_HEADERS;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Result.BAD_TIMESTAMP;
    }
    long skew = clock.instant().getEpochSecond() - seconds;
    if (skew > MAX_SKEW_SECONDS) {
      return Result.STALE;
    }
    if (skew < -MAX_SKEW_SECONDS) {
      return Result.FUTURE;
    }
    byte[] expected = ("v0=" + sign(timestamp.strip(), body)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given) ? Result.VALID : Result.MISMATCH;
  }

  /** @return the hex HMAC of {@code v0:timestamp:body}, without the {@code v0=} prefix */
  String sign(String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "SignatureVerifier[secret=(redacted)]";
  }
}
