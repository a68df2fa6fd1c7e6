package dev.custintel.spring.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test requests the way Slack does: {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body}. */
public final class SlackSigning {
  private SlackSigning() {}

  /**
   * @param body the exact body that will be sent
   * @param timestamp the request's Unix time in seconds
   * @param secret the signing secret
   * @return the timestamp and signature headers
   */
  public static Map<String, String> headers(String body, long timestamp, String secret) {
    return Map.of("X-Slack-Request-Timestamp", Long.toString(timestamp),
        "X-Slack-Signature", "v0=" + hmac(secret, "v0:" + timestamp + ":" + body));
  }

  /**
   * @param secret the key
   * @param text the text to sign, as UTF-8
   * @return the HMAC-SHA256 in lower-case hex
   */
  public static String hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
