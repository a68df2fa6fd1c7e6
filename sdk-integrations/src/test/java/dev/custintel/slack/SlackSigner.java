package dev.custintel.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test requests the way Slack does (checked against a signature computed with openssl in the tests). */
final class SlackSigner {
  private SlackSigner() {}

  static SlackRequest signed(String body, long timestamp, String secret, String... extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
    headers.put("X-Slack-Signature", "v0=" + hmac(secret, "v0:" + timestamp + ":" + body));
    for (int i = 0; i < extraHeaders.length; i += 2) {
      headers.put(extraHeaders[i], extraHeaders[i + 1]);
    }
    return new SlackRequest(body, headers);
  }

  static String hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
