package dev.custintel.gorgias;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Gorgias rejected the request's data (HTTP 400). {@link #fieldErrors()} holds what the API said per field, such
 * as {@code sender -> ["Missing data for required field."]}; nested fields are joined with dots
 * ({@code messages.0.sender}). Fix the request; sending it again unchanged fails again.
 */
public class GorgiasValidationException extends GorgiasException {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<String>> fieldErrors;

  /**
   * @param operation the client operation
   * @param status the HTTP status (400, or 422 should the API use it)
   * @param apiMessage the API's {@code error.msg}, if any
   * @param fieldErrors the API's {@code error.data}: messages per field
   * @param responseBody the response body
   * @param attempts how many times the request was sent
   */
  public GorgiasValidationException(
      String operation,
      int status,
      @Nullable String apiMessage,
      Map<String, List<String>> fieldErrors,
      @Nullable String responseBody,
      int attempts) {
    super(message(operation, status, apiMessage, fieldErrors), operation, status, apiMessage, responseBody, null,
        false, attempts, null);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  private static String message(
      String operation, int status, @Nullable String apiMessage, Map<String, List<String>> fieldErrors) {
    StringBuilder m = new StringBuilder("Gorgias rejected ").append(operation).append(" (").append(status)
        .append("): ").append(apiMessage == null ? "invalid request" : apiMessage);
    if (!fieldErrors.isEmpty()) {
      m.append(" [").append(fieldErrors.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
          .collect(Collectors.joining("; "))).append(']');
    }
    return m.append(". Fix the request; sending it unchanged fails again.").toString();
  }

  /** @return the API's messages per field (dotted paths for nested fields); empty if it named none */
  public Map<String, List<String>> fieldErrors() {
    return fieldErrors;
  }
}
