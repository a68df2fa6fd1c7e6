package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel ask}: a question in plain language, answered as JSON. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a question in plain language, such as \"Top 10 VIP customers this month\", \"Which customers "
          + "haven't purchased in 90 days?\" or \"Show me high churn risk customers\": the question is compiled into "
          + "a typed query (never into SQL) and run with the SDK's clients. Questions about churn risk, lifetime "
          + "value or segments need a model run ('custintel models refresh').",
      "JSON: {\"understood\":\"top 10 customers by net spend this month (2026-12-01 to 2026-12-31)\",\"query\":{"
          + "\"intent\":\"top_customers_by_spend\",\"limit\":10,\"period\":{\"from\":\"...\",\"to\":\"...\"},"
          + "\"periodWords\":\"this month\"},\"rows\":[{\"rank\":1,\"customerId\":\"...\",...},...],\"answer\":"
          + "\"...\",\"suggestions\":[],\"translatedBy\":\"parser\"}. The query has only the fields that are set "
          + "(intent, limit, period, periodWords, days, segment, country, minChurnRisk, customerId, product, "
          + "horizon, horizonUnit, state); the rows keep their columns' order, amounts are numbers and unknown "
          + "values null.",
      "Exit code 0 also when the question is not understood: understood and query are then null, rows empty, and "
          + "the answer and suggestions give three questions that can be asked. Exit code 2 for a blank question, "
          + "one longer than " + AskCommand.MAX_QUESTION + " characters, or a bad --now; 1 when the database fails."
    })
final class AskCommand implements Callable<Integer> {
  /** The longest question the SDK takes. */
  static final int MAX_QUESTION = 500;

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--now", paramLabel = "INSTANT", converter = ProfileCommand.AsOfConverter.class,
      description = "Answer as of this instant (2026-12-07T10:00:00Z) or day (its start, UTC): \"this month\", "
          + "\"90 days\" and the like count from it (default now)")
  @Nullable Instant now;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "QUESTION",
      description = "The question, quoted or as several words (joined with spaces), at most " + MAX_QUESTION
          + " characters")
  List<String> words;

  @Override
  public Integer call() {
    database.check(spec);
    String question = String.join(" ", words);
    if (question.isBlank()) {
      throw new ParameterException(spec.commandLine(), "QUESTION: must not be blank");
    }
    if (question.length() > MAX_QUESTION) {
      throw new ParameterException(spec.commandLine(),
          "QUESTION: must be at most " + MAX_QUESTION + " characters (was " + question.length() + ")");
    }
    Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
    try (CustomerIntelligence ci = database.open(clock)) {
      Answer answer;
      try {
        answer = ci.ask(question);
      } catch (InvalidInputException e) {
        if (e.field().equals("question")) {
          throw new ParameterException(spec.commandLine(), "QUESTION: " + e.reason());
        }
        throw e;
      }
      Json.print(spec.commandLine().getOut(), view(answer));
    }
    return CustintelCli.OK;
  }

  /**
   * @param a an answer
   * @return its JSON view: understood, query, rows, answer, suggestions and translatedBy
   */
  static Map<String, Object> view(Answer a) {
    Map<String, Object> m = Json.object();
    AskQuery query = a.query();
    m.put("understood", a.understood());
    m.put("query", query == null ? null : view(query));
    List<Map<String, Object>> rows = new ArrayList<>(a.rows().size());
    for (Map<String, @Nullable Object> row : a.rows()) {
      Map<String, Object> r = Json.object();
      row.forEach((column, value) -> r.put(column, value(value)));
      rows.add(r);
    }
    m.put("rows", rows);
    m.put("answer", a.answer());
    m.put("suggestions", a.suggestions());
    m.put("translatedBy", a.translatedBy());
    return m;
  }

  /**
   * @param q a typed query
   * @return its wire view: the intent and the fields that are set, none null ({@link AskQuery#toMap()})
   */
  static Map<String, Object> view(AskQuery q) {
    Map<String, Object> m = Json.object();
    m.putAll(q.toMap());
    return m;
  }

  /**
   * A row's value as JSON: strings, booleans and whole numbers as they are, decimals as plain JSON numbers (no
   * exponent), doubles that are not finite as null, anything else as its text.
   */
  private static @Nullable Object value(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof BigDecimal d) {
      return d.scale() < 0 ? d.setScale(0) : d;
    }
    if (value instanceof Double d) {
      return ClvFits.number(d);
    }
    if (value instanceof Number n) {
      return ClvFits.number(n.doubleValue());
    }
    return value.toString();
  }
}
