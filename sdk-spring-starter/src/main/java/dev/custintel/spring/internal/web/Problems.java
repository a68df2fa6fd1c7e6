package dev.custintel.spring.internal.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem types of the REST API (RFC 9457): one stable URN per kind of error, a title per kind, the status and
 * a detail that says what to do. Details never carry stack traces, SQL or secrets.
 */
public enum Problems {
  /** 400: a parameter or a body field is invalid; {@code errors} names each field and the reason. */
  INVALID_INPUT("invalid-input", "Invalid input", HttpStatus.BAD_REQUEST),
  /** 401: the request carries no {@code X-API-Key}. */
  MISSING_API_KEY("missing-api-key", "API key required", HttpStatus.UNAUTHORIZED),
  /** 403: the key is unknown, malformed or revoked. */
  INVALID_API_KEY("invalid-api-key", "Invalid API key", HttpStatus.FORBIDDEN),
  /** 403: the key is valid but lacks the scope the endpoint needs. */
  INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", HttpStatus.FORBIDDEN),
  /** 404: an unknown customer, product, model run or key, or no such endpoint. */
  NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
  /** 405: the endpoint exists but not for this method. */
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
  /** 406: no representation the client accepts. */
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
  /**
   * 409: a run or sync is already in progress, or the experiment's status does not allow the operation (the problem
   * then has {@code experimentId} and {@code experimentStatus}).
   */
  CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT),
  /** 409: the scores the request needs come from a model run, and none is active. */
  MODEL_NOT_READY("model-not-ready", "No active model run", HttpStatus.CONFLICT),
  /** The data cannot make a model run: no customer bought twice (the detail gives the counts). */
  INSUFFICIENT_DATA("insufficient-data", "Not enough data for a model run", HttpStatus.UNPROCESSABLE_CONTENT),
  /** A fit of a model run did not converge on the data; nothing was written. */
  MODEL_FIT_FAILED("model-fit-failed", "A model fit did not converge", HttpStatus.UNPROCESSABLE_CONTENT),
  /** 413: the request body is too large. */
  PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
  /** 415: the request body is not JSON. */
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  /** 429: the key's rate limit is spent; {@code Retry-After} says when to try again. */
  RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
  /** 502: an order source's rows are invalid; the sync status has the details and nothing moved. */
  SOURCE_DATA_INVALID("source-data-invalid", "Order source returned invalid data", HttpStatus.BAD_GATEWAY),
  /** 500: an unexpected failure, logged on the server with a reference. */
  INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
  /** 503: the database cannot be reached. */
  DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", HttpStatus.SERVICE_UNAVAILABLE);

  /** The prefix of every problem type URI. */
  public static final String TYPE_PREFIX = "urn:custintel:problem:";

  private final URI type;
  private final String title;
  private final HttpStatus status;

  Problems(String name, String title, HttpStatus status) {
    this.type = URI.create(TYPE_PREFIX + name);
    this.title = title;
    this.status = status;
  }

  /** @return the type URI, such as {@code urn:custintel:problem:invalid-input} */
  public URI type() {
    return type;
  }

  /** @return the title, the same for every problem of the kind */
  public String title() {
    return title;
  }

  /** @return the HTTP status */
  public HttpStatus status() {
    return status;
  }

  /**
   * @param detail what went wrong and what to do
   * @return the problem
   */
  public ProblemDetail problem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  /**
   * @param detail what went wrong
   * @param errors the fields at fault, each with {@code field} and {@code reason}
   * @return the problem with an {@code errors} property
   */
  public ProblemDetail problem(String detail, List<FieldError> errors) {
    ProblemDetail problem = problem(detail);
    problem.setProperty("errors", errors);
    return problem;
  }

  /**
   * One field at fault.
   *
   * @param field the parameter or body path, such as {@code limit} or {@code orders[2].lines[0].quantity}
   * @param reason why it was refused
   */
  public record FieldError(String field, String reason) {}
}
