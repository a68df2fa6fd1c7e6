package dev.custintel.analytics.internal.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.analytics.ask.AskQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The parser against the committed corpus of questions (see {@code ask/README.md}): accuracy per intent, and a
 * failure below 95% for the corpus as a whole and for each intent with at least 5 phrasings. The hold-out set, written
 * apart and never tuned against, is reported only.
 */
class AskCorpusTest {
  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QuestionParser parser = new QuestionParser(new CorpusVocabulary());

  record Case(int line, String question, JsonNode expect) {}

  record Score(String intent, int total, int right) {
    double accuracy() {
      return total == 0 ? 1 : (double) right / total;
    }
  }

  @Test
  void corpus_atLeast95PercentPerIntentAndOverall() throws IOException {
    List<Case> cases = read("/ask/corpus.jsonl");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    Report report = run(cases);
    System.out.println("ask corpus: " + report.summary());
    report.failures.forEach(System.out::println);
    assertThat(report.overall()).as("overall accuracy\n" + String.join("\n", report.failures)).isGreaterThanOrEqualTo(0.95);
    for (Score s : report.scores.values()) {
      if (s.total >= 5) {
        assertThat(s.accuracy()).as("accuracy of " + s.intent + "\n" + String.join("\n", report.failures))
            .isGreaterThanOrEqualTo(0.95);
      }
    }
  }

  @Test
  void holdout_isReported() throws IOException {
    List<Case> cases = read("/ask/holdout.jsonl");
    Report report = run(cases);
    System.out.println("ask hold-out: " + report.summary());
    report.failures.forEach(System.out::println);
    assertThat(cases).isNotEmpty();
  }

  final class Report {
    final Map<String, Score> scores = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    int total;
    int right;

    double overall() {
      return total == 0 ? 0 : (double) right / total;
    }

    String summary() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d/%d = %.1f%%", right, total,
          100.0 * overall()));
      scores.values().forEach(s -> b.append(String.format(Locale.ROOT, "\n  %-32s %3d/%3d  %5.1f%%", s.intent,
          s.right, s.total, 100 * s.accuracy())));
      return b.toString();
    }
  }

  Report run(List<Case> cases) {
    Report r = new Report();
    for (Case c : cases) {
      String intent = c.expect.isNull() ? "(refused)" : c.expect.get("intent").asText();
      QuestionParser.Result result = parser.parse(c.question, NOW);
      JsonNode got = result.query() == null ? JSON.nullNode() : toJson(result.query());
      boolean ok = Objects.equals(normalise(got), normalise(c.expect));
      Score s = r.scores.getOrDefault(intent, new Score(intent, 0, 0));
      r.scores.put(intent, new Score(intent, s.total + 1, s.right + (ok ? 1 : 0)));
      r.total++;
      if (ok) {
        r.right++;
      } else {
        r.failures.add("line " + c.line + ": " + c.question + "\n    expected " + c.expect + "\n    got      " + got
            + (result.refusal() == null ? "" : " (" + result.refusal() + ")"));
      }
    }
    return r;
  }

  /** The query as the corpus writes it: the fields that are set, without the period's words. */
  static JsonNode toJson(AskQuery q) {
    Map<String, Object> m = q.toMap();
    m.remove("periodWords");
    return JSON.valueToTree(m);
  }

  /** Numbers compared as numbers (0.8 and 0.80), instants as instants. */
  private static Object normalise(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    }
    Map<String, Object> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        m.put(e.getKey(), Math.round(v.asDouble() * 10_000) / 10_000.0);
      } else if (v.isObject()) {
        m.put(e.getKey(), Instant.parse(v.get("from").asText()) + "/" + Instant.parse(v.get("to").asText()));
      } else {
        m.put(e.getKey(), v.asText());
      }
    });
    return m;
  }

  static List<Case> read(String resource) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = AskCorpusTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        cases.add(new Case(n, node.get("q").asText(), node.get("expect")));
      }
    }
    return cases;
  }
}
