package dev.custintel.spring.internal.security;

import dev.custintel.spring.internal.web.ProblemWriter;
import dev.custintel.spring.internal.web.Problems;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem details. */
public final class ProblemEntryPoints {
  private ProblemEntryPoints() {}

  /** @return 401 for a request without a key */
  public static AuthenticationEntryPoint missingKey() {
    return (request, response, e) -> ProblemWriter.write(response, Problems.MISSING_API_KEY,
        "Send an API key in the " + ApiKeyFilter.HEADER + " header.", request.getRequestURI());
  }

  /** @return 403 for a key without the scope the endpoint needs */
  public static AccessDeniedHandler insufficientScope() {
    return (request, response, e) -> ProblemWriter.write(response, Problems.INSUFFICIENT_SCOPE,
        "This key lacks the scope this endpoint needs: reads need read, writes (POST, PUT, DELETE) need write, and "
            + "the admin endpoints need admin.", request.getRequestURI());
  }
}
