package dev.custintel.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class CredentialsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "jdbc:postgresql://h/db?user=u&password=s3cr%t&ssl=true | jdbc:postgresql://h/db?user=u&password=***&ssl=true",
    "jdbc:postgresql://h/db?PASSWORD=x                      | jdbc:postgresql://h/db?PASSWORD=***",
    "jdbc:h2:tcp://h/db;USER=sa;PASSWORD=pw;MODE=PostgreSQL | jdbc:h2:tcp://h/db;USER=sa;PASSWORD=***;MODE=PostgreSQL",
    "jdbc:postgresql://secuser:hunter2@127.0.0.1:5433/sec   | jdbc:postgresql://secuser:***@127.0.0.1:5433/sec",
    "Could not connect: secuser:hunter2@127.0.0.1.          | Could not connect: secuser:***@127.0.0.1.",
    "u:p@ss:w@rd@host and DB_PASSWORD=x;Pwd = y             | u:***@host and DB_PASSWORD=***;Pwd = ***",
    "token=abc secret=def passwd=ghi                        | token=*** secret=*** passwd=***",
    "no secrets here                                        | no secrets here",
  })
  void mask_everyCredentialForm_isReplaced(String text, String masked) {
    assertThat(Credentials.mask(text)).isEqualTo(masked);
  }

  @ParameterizedTest
  @NullSource
  void mask_null_isEmpty(String text) {
    assertThat(Credentials.mask(text)).isEmpty();
  }
}
