package dev.custintel.spring.internal.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.spring.internal.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Problem details written by the security filters, which answer before Spring MVC does. */
final class ProblemResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemResponses() {}

  static void write(HttpServletResponse response, Problems kind, String detail, String instance) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", kind.type().toString());
    body.put("title", kind.problem(detail).getTitle());
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
