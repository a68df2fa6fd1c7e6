package dev.custintel.spring.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Any request under the API and admin paths that no endpoint takes, answered as a problem rather than the servlet
 * container's error page: 405 with {@code Allow} when an endpoint has the path but not the method, 415 when it has
 * both but not the body's media type, else 404. Every other mapping is more specific, so this one answers only
 * where none does.
 */
@RestController
public final class FallbackController {
  private final ObjectProvider<RequestMappingHandlerMapping> mappings;

  /** @param mappings Spring MVC's annotated mappings, to tell 404 from 405 and 415 */
  public FallbackController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  /**
   * @param request the request
   * @return 404, 405 or 415
   */
  @RequestMapping({"${custintel.api.base-path:/api}/**", "${custintel.api.admin-path:/admin}/**"})
  public ResponseEntity<ProblemDetail> none(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Set<String> allowed = new TreeSet<>();
    boolean methodMatches = false;
    for (RequestMappingHandlerMapping mapping : mappings) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
        if (e.getValue().getBeanType() == FallbackController.class || !matches(e.getKey(), path)) {
          continue;
        }
        Set<org.springframework.web.bind.annotation.RequestMethod> methods = e.getKey().getMethodsCondition()
            .getMethods();
        methods.forEach(m -> allowed.add(m.name()));
        if (methods.isEmpty() || methods.stream().anyMatch(m -> m.name().equals(request.getMethod()))) {
          methodMatches = true;
        }
      }
    }
    ProblemDetail problem;
    HttpHeaders headers = new HttpHeaders();
    if (methodMatches) {
      problem = Problems.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json.");
    } else if (!allowed.isEmpty()) {
      problem = Problems.METHOD_NOT_ALLOWED.problem(
          "This endpoint does not take " + request.getMethod() + "; it takes " + String.join(", ", allowed) + ".");
      headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
    } else {
      problem = Problems.NOT_FOUND.problem(
          "No endpoint for " + request.getMethod() + " at this path; GET /v3/api-docs lists them.");
    }
    return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(ProblemMedia.PROBLEM_JSON)
        .body(problem);
  }

  private static boolean matches(RequestMappingInfo info, String path) {
    if (info.getPathPatternsCondition() == null) {
      return false;
    }
    PathContainer container = PathContainer.parsePath(path);
    for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
      if (pattern.matches(container)) {
        return true;
      }
    }
    return false;
  }
}
