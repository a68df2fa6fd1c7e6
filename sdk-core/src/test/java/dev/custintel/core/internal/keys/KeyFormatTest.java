package dev.custintel.core.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The key's form, its base-62 secret and its hash, against values computed independently (Python). */
class KeyFormatTest {
  private static final Pattern FORM = Pattern.compile("ci_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}");
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  @Test
  void base62_knownValues_matchAnIndependentEncoder() {
    byte[] max = new byte[32];
    java.util.Arrays.fill(max, (byte) 0xff);
    byte[] one = new byte[32];
    one[31] = 1;
    byte[] counting = new byte[32];
    for (int i = 0; i < 32; i++) {
      counting[i] = (byte) i;
    }

    assertThat(KeyFormat.base62(max)).isEqualTo("yhjskwdA6OZ1AL1YmHWZWm8LLG7HjnuCA2j5rOw8Xp1");
    assertThat(KeyFormat.base62(one)).isEqualTo("0".repeat(42) + "1");
    assertThat(KeyFormat.base62(new byte[32])).isEqualTo("0".repeat(43));
    assertThat(KeyFormat.base62(counting)).isEqualTo("003aUlTJC7tjlCTQj2uNU3MFagCXG9LRKRcwGkBIDlf");
  }

  @Test
  void hash_isSha256InHex() {
    assertThat(KeyFormat.hash("ci_ABCDEFGH_" + "0".repeat(42) + "1"))
        .isEqualTo("55cc1f56f862e01ba03bf8be177034a90953e6dd1d177e030b7c4137dfa6e0f0");
  }

  @Test
  void generate_thousandKeys_distinctOfTheFormAndFullEntropy() {
    SecureRandom random = new SecureRandom();
    Set<String> keys = new HashSet<>();
    Set<String> lookups = new HashSet<>();
    long ones = 0;
    int[] digitCounts = new int[62];
    for (int i = 0; i < 1_000; i++) {
      String key = KeyFormat.generate(random);
      assertThat(key).hasSize(55).matches(FORM);
      assertThat(KeyFormat.isGenerated(key)).isTrue();
      assertThat(KeyFormat.lookupId(key)).isEqualTo(key.substring(3, 11));
      keys.add(key);
      lookups.add(key.substring(3, 11));
      BigInteger secret = decode(key.substring(12));
      assertThat(secret.bitLength()).isLessThanOrEqualTo(256);
      ones += secret.bitCount();
      for (char c : key.substring(12).toCharArray()) {
        digitCounts[DIGITS.indexOf(c)]++;
      }
    }
    assertThat(keys).hasSize(1_000);
    assertThat(lookups).hasSize(1_000); // 62^8 ids: a collision among 1,000 has probability 2e-9
    // 256,000 random bits: half of them set, within 8 standard deviations (253 bits).
    assertThat(ones).isBetween(128_000L - 2_024, 128_000L + 2_024);
    // Each digit is about 1/62 of the 43,000 digits (the leading digit of a 256-bit number is at most 'y').
    for (int count : digitCounts) {
      assertThat(count).isBetween(500, 900);
    }
  }

  private static BigInteger decode(String base62) {
    BigInteger n = BigInteger.ZERO;
    for (char c : base62.toCharArray()) {
      n = n.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(DIGITS.indexOf(c)));
    }
    return n;
  }

  @Test
  void lookupId_otherForms() {
    String foreign = "q5Yv2o+3kJ8t/WcXr9zP1LmN0bH7sDfA6gE4uIyTeR0=";
    String lookup = KeyFormat.lookupId(foreign);
    assertThat(lookup).matches("[0-9A-Za-z]{8}").isEqualTo(KeyFormat.lookupId(foreign));
    assertThat(KeyFormat.isGenerated(foreign)).isFalse();
    assertThat(KeyFormat.lookupId("x".repeat(31))).isNull();
    assertThat(KeyFormat.lookupId("x".repeat(257))).isNull();
    assertThat(KeyFormat.lookupId("x".repeat(40) + " ")).isNull();
    assertThat(KeyFormat.lookupId("x".repeat(40) + "é")).isNull();
    assertThat(KeyFormat.lookupId("")).isNull();
    // Almost the form: a lookup derived from the whole text, not the text's characters 3 to 11.
    String almost = "ci_ABCDEFGH-" + "0".repeat(43);
    assertThat(KeyFormat.isGenerated(almost)).isFalse();
    assertThat(KeyFormat.lookupId(almost)).isNotEqualTo("ABCDEFGH");
    assertThat(KeyFormat.isGenerated("ci_ABCDEFGH_" + "0".repeat(42) + "-")).isFalse();
    assertThat(KeyFormat.isGenerated("ci_ABC-EFGH_" + "0".repeat(43))).isFalse();
    assertThat(KeyFormat.isGenerated("cx_ABCDEFGH_" + "0".repeat(43))).isFalse();
  }
}
