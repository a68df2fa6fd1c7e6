package dev.custintel.spring.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem (RFC 9457) straight to the servlet response, for the filters that answer before Spring MVC does
 * (API keys, rate limit, body size): the same members, in the same order, as {@link ProblemHandler}'s answers.
 */
public final class ProblemWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemWriter() {}

  /**
   * @param response the response, not yet committed
   * @param kind the kind of problem
   * @param detail what went wrong and what to do
   * @param instance the request path
   * @throws IOException when the response cannot be written
   */
  public static void write(HttpServletResponse response, Problems kind, String detail, String instance)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", kind.type().toString());
    body.put("title", kind.title());
    body.put("status", kind.status().value());
    body.put("detail", detail);
    body.put("instance", instance);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IOException("Could not write a problem", e);
    }
    response.setStatus(kind.status().value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
