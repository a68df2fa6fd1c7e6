package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.ask.Answer;
import dev.custintel.analytics.ask.AskQuery;
import dev.custintel.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Questions in plain language, or a typed query: {@code POST /api/query} with {@code {"query": "Top 10 VIP customers
 * this month"}}, or with the typed query an answer showed ({@code {"query": {"intent": "top_customers_by_spend",
 * "limit": 20}}}) to correct what was understood. {@code POST /api/mcp/query} is the same, for clients of the
 * service this one replaces. Reading only: the read scope suffices.
 */
@RestController
@Tag(name = "questions", description = "Questions in plain language, answered from the data with the query understood")
public final class QueryController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public QueryController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param body {@code {"query": "a question"}} or {@code {"query": {typed query}}}
   * @return what was understood, the typed query, the rows and one sentence; or, for a question not understood,
   *     what can be asked
   */
  @PostMapping(path = {"${custintel.api.base-path:/api}/query", "${custintel.api.base-path:/api}/mcp/query"},
      consumes = "application/json", produces = "application/json")
  @Operation(summary = "Answers a question in plain language (or a typed query): the query understood, in words and "
      + "typed, the rows, and one sentence with the numbers")
  @SuppressWarnings("unchecked")
  public Answer query(@RequestBody @Nullable Map<String, Object> body) {
    Object query = body == null ? null : body.get("query");
    if (query == null) {
      throw InvalidInputException.argument("query", "is required: send {\"query\": \"your question\"}");
    }
    if (query instanceof String question) {
      return ci.ask(question);
    }
    if (query instanceof Map<?, ?> typed) {
      return ci.ask(AskQuery.fromMap((Map<String, ?>) typed, "query."));
    }
    throw InvalidInputException.argument("query", "must be a question (a string) or a typed query (an object)");
  }
}
