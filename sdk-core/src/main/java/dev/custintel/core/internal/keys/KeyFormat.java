package dev.custintel.core.internal.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The form of a key, {@code ci_<lookup id>_<secret>}, and its hash. Not API.
 *
 * <p>The secret is 32 bytes of {@link SecureRandom} written in base 62 with exactly 43 digits (62^43 &gt; 2^256, so
 * every 256-bit value fits, and each key has the full 256 bits). The lookup id is 8 base-62 digits from the same
 * generator: it is stored in the clear, so none of the key's strength rests on it.
 */
final class KeyFormat {
  static final String PREFIX = "ci_";
  static final int LOOKUP_LENGTH = 8;
  static final int SECRET_BYTES = 32;
  static final int SECRET_LENGTH = 43;
  static final int KEY_LENGTH = PREFIX.length() + LOOKUP_LENGTH + 1 + SECRET_LENGTH;
  /** Shortest key verify looks up: a bootstrap key may have another form, but not fewer characters. */
  static final int MIN_LENGTH = 32;
  /** Longest key verify looks up. */
  static final int MAX_LENGTH = 256;

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
  /** Keeps the derived lookup ids of bootstrap keys apart from any other use of SHA-256 on the same value. */
  private static final byte[] LOOKUP_DOMAIN = "custintel api key lookup\u0000".getBytes(StandardCharsets.US_ASCII);

  private KeyFormat() {}

  /** @return a new key */
  static String generate(SecureRandom random) {
    StringBuilder key = new StringBuilder(KEY_LENGTH).append(PREFIX);
    for (int i = 0; i < LOOKUP_LENGTH; i++) {
      key.append(BASE62.charAt(random.nextInt(62)));
    }
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return key.append('_').append(base62(secret)).toString();
  }

  /** @return the bytes as an unsigned number in exactly {@link #SECRET_LENGTH} base-62 digits, leading zeros kept */
  static String base62(byte[] bytes) {
    char[] digits = new char[SECRET_LENGTH];
    BigInteger n = new BigInteger(1, bytes);
    for (int i = SECRET_LENGTH - 1; i >= 0; i--) {
      BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
      digits[i] = BASE62.charAt(qr[1].intValue());
      n = qr[0];
    }
    return new String(digits);
  }

  /** @return whether the text has this SDK's form: {@code ci_}, 8 base-62 digits, {@code _}, 43 base-62 digits */
  static boolean isGenerated(String key) {
    if (key.length() != KEY_LENGTH || !key.startsWith(PREFIX) || key.charAt(PREFIX.length() + LOOKUP_LENGTH) != '_') {
      return false;
    }
    for (int i = PREFIX.length(); i < KEY_LENGTH; i++) {
      if (i != PREFIX.length() + LOOKUP_LENGTH && BASE62.indexOf(key.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** @return whether every character is visible ASCII (no space, no control character) */
  static boolean visibleAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param key a presented or configured key
   * @return the lookup id to find its stored entry by: the key's own for a key of this form, one derived from the
   *     key for another key that could have been stored (32 to 256 visible ASCII characters); null for anything
   *     else, which cannot be a stored key
   */
  static @Nullable String lookupId(String key) {
    if (isGenerated(key)) {
      return key.substring(PREFIX.length(), PREFIX.length() + LOOKUP_LENGTH);
    }
    if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH || !visibleAscii(key)) {
      return null;
    }
    MessageDigest sha = sha256();
    sha.update(LOOKUP_DOMAIN);
    byte[] digest = sha.digest(key.getBytes(StandardCharsets.US_ASCII));
    StringBuilder id = new StringBuilder(LOOKUP_LENGTH);
    for (int i = 0; i < LOOKUP_LENGTH; i++) {
      id.append(BASE62.charAt((digest[i] & 0xff) % 62));
    }
    return id.toString();
  }

  /** @return the key's SHA-256 hash, 64 lower-case hex digits: what the store keeps */
  static String hash(String key) {
    return HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
