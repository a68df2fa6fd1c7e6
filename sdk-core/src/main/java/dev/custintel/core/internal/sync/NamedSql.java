package dev.custintel.core.internal.sync;

import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's SQL with the named parameters {@code :watermark} and {@code :limit} turned into JDBC's {@code ?}, and
 * which name each {@code ?} stands for. Text in single quotes, identifiers in double quotes, comments and
 * PostgreSQL's {@code ::} casts are left alone. Not API.
 *
 * @param jdbc the SQL with {@code ?} in place of each named parameter
 * @param parameters the name of each {@code ?}, in order: {@code watermark} or {@code limit}
 */
record NamedSql(String jdbc, List<String> parameters) {
  static final String WATERMARK = "watermark";
  static final String LIMIT = "limit";

  NamedSql {
    parameters = List.copyOf(parameters);
  }

  static NamedSql parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = sql.indexOf(c, i + 1);
        end = end < 0 ? n : end + 1;
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':') {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        String name = sql.substring(i + 1, end);
        if (name.equals(WATERMARK) || name.equals(LIMIT)) {
          names.add(name);
          out.append('?');
        } else {
          out.append(sql, i, end);
        }
        i = Math.max(end, i + 1);
      } else {
        out.append(c);
        i++;
      }
    }
    if (!names.contains(WATERMARK)) {
      throw InvalidInputException.argument("sql",
          "must compare the watermark column with :watermark, such as WHERE updated_at > :watermark");
    }
    return new NamedSql(out.toString(), names);
  }
}
