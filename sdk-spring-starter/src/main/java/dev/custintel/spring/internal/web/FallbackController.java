package dev.custintel.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path under the API and admin paths: 404 as a problem, rather than the servlet container's error page.
 * Every other mapping is more specific, so this one answers only where none does.
 */
@RestController
public final class FallbackController {

  /** Created by the web auto-configuration. */
  public FallbackController() {}

  /**
   * @param request the request
   * @return 404
   */
  @RequestMapping({"${custintel.api.base-path:/api}/**", "${custintel.api.admin-path:/admin}/**"})
  public ResponseEntity<ProblemDetail> none(HttpServletRequest request) {
    ProblemDetail problem = Problems.NOT_FOUND.problem(
        "No endpoint for " + request.getMethod() + " at this path; GET /v3/api-docs lists them.");
    return ResponseEntity.status(problem.getStatus()).contentType(ProblemMedia.PROBLEM_JSON).body(problem);
  }
}
