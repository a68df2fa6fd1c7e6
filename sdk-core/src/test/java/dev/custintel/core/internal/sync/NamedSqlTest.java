package dev.custintel.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class NamedSqlTest {
  @Test
  void parse_namedParameters_becomeQuestionMarksInOrder() {
    NamedSql sql = NamedSql.parse("SELECT a FROM t WHERE u > :watermark OR (v = :watermark) LIMIT :limit");

    assertThat(sql.jdbc()).isEqualTo("SELECT a FROM t WHERE u > ? OR (v = ?) LIMIT ?");
    assertThat(sql.parameters()).containsExactly("watermark", "watermark", "limit");
  }

  @Test
  void parse_quotesCommentsCastsAndOtherNames_areLeftAlone() {
    NamedSql sql = NamedSql.parse("SELECT ':watermark' AS a, \":limit\", x::text, :other -- :limit\n"
        + "/* :watermark */ FROM t WHERE u > :watermark");

    assertThat(sql.jdbc()).isEqualTo("SELECT ':watermark' AS a, \":limit\", x::text, :other -- :limit\n"
        + "/* :watermark */ FROM t WHERE u > ?");
    assertThat(sql.parameters()).containsExactly("watermark");
  }

  @Test
  void parse_unterminatedQuoteOrComment_keepsTheRest() {
    assertThat(NamedSql.parse("SELECT 1 WHERE u > :watermark AND x = 'open").jdbc())
        .isEqualTo("SELECT 1 WHERE u > ? AND x = 'open");
    assertThat(NamedSql.parse("SELECT 1 WHERE u > :watermark /* open").jdbc())
        .isEqualTo("SELECT 1 WHERE u > ? /* open");
    assertThat(NamedSql.parse("SELECT 1 WHERE u > :watermark -- end").jdbc())
        .isEqualTo("SELECT 1 WHERE u > ? -- end");
    assertThat(NamedSql.parse("SELECT 1 WHERE u > :watermark AND v = :").jdbc())
        .isEqualTo("SELECT 1 WHERE u > ? AND v = :");
  }

  @Test
  void parse_withoutWatermark_isRefused() {
    assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE x = ':watermark' LIMIT :limit"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("sql");
          assertThat(e.reason()).contains(":watermark");
        });
  }
}
