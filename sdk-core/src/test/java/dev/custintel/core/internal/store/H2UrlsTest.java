package dev.custintel.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which URLs the store opens with {@code WRITE_DELAY=0} (issue 11, D8; the kill test is {@code ImportKillTest}). */
class H2UrlsTest {

  @Test
  void durableAtCommit_embeddedFileDatabases_getWriteDelay0() {
    assertThat(H2Urls.durableAtCommit("jdbc:h2:file:/data/custintel;LOCK_TIMEOUT=10000"))
        .isEqualTo("jdbc:h2:file:/data/custintel;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
    assertThat(H2Urls.durableAtCommit("jdbc:h2:./data/custintel")).isEqualTo("jdbc:h2:./data/custintel;WRITE_DELAY=0");
  }

  @Test
  void durableAtCommit_ownSettingMemoryServerOrOtherDatabase_unchanged() {
    for (String url : new String[] {
      "jdbc:h2:file:/data/custintel;write_delay=200",
      "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
      "jdbc:h2:tcp://localhost/~/custintel",
      "jdbc:h2:ssl://localhost/~/custintel",
      "jdbc:h2:zip:/data/db.zip!/custintel",
      "jdbc:postgresql://localhost:5432/shop"
    }) {
      assertThat(H2Urls.durableAtCommit(url)).isEqualTo(url);
    }
  }
}
