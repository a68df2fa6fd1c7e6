package dev.custintel.analytics.ask;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a question into a typed query another way than the built-in parser, for example with a language model
 * constrained to the schema of {@link AskQuery}. What it returns is validated like any query (the customer, the
 * product and the segment must exist); when it fails, returns nothing, or returns a query that does not validate,
 * the built-in parser answers instead.
 */
@FunctionalInterface
public interface QueryTranslator {

  /**
   * @param question the question as asked
   * @param now the instant relative periods are resolved against
   * @return the query, or empty when the question cannot be translated
   */
  Optional<AskQuery> translate(String question, Instant now);
}
