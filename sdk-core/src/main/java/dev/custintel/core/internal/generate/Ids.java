package dev.custintel.core.internal.generate;

/** Formats generated ids such as {@code O-00000042} without {@link String#format} (it is hot). Not API. */
final class Ids {
  private Ids() {}

  /**
   * @param prefix such as {@code "O-"}
   * @param number a positive number
   * @param digits minimum digits; the number is zero-padded to this width and never truncated
   * @return the id
   */
  static String format(String prefix, long number, int digits) {
    String value = Long.toString(number);
    int padding = Math.max(0, digits - value.length());
    StringBuilder id = new StringBuilder(prefix.length() + padding + value.length());
    id.append(prefix);
    for (int i = 0; i < padding; i++) {
      id.append('0');
    }
    return id.append(value).toString();
  }
}
