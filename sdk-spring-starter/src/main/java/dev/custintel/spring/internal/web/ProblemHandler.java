package dev.custintel.spring.internal.web;

import dev.custintel.analytics.affinity.MiningLimitException;
import dev.custintel.analytics.experiments.ExperimentStateException;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error of the Custintel controllers as {@code application/problem+json}: the SDK's typed exceptions mapped to
 * their status, and Spring MVC's own (bad parameters, unreadable bodies, unknown paths) given Custintel's problem
 * types. Database and unexpected failures are logged with a reference that the response carries, and the response
 * says nothing of SQL, stack traces or connection strings.
 */
@RestControllerAdvice(basePackageClasses = ProblemHandler.class)
public final class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  /** Created by the web auto-configuration. */
  public ProblemHandler() {}

  /**
   * @param e invalid input from the SDK
   * @return 400 naming the field
   */
  @ExceptionHandler(InvalidInputException.class)
  public ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
    return respond(invalid(e));
  }

  /**
   * @param e an unknown customer, product, run or key
   * @return 404
   */
  @ExceptionHandler(NotFoundException.class)
  public ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    ProblemDetail problem = Problems.NOT_FOUND.problem(safe(e.getMessage()));
    problem.setProperty("entity", e.entity());
    problem.setProperty("id", e.id());
    return respond(problem);
  }

  /**
   * @param e no active model run
   * @return 409
   */
  @ExceptionHandler(ModelNotReadyException.class)
  public ResponseEntity<ProblemDetail> modelNotReady(ModelNotReadyException e) {
    return respond(Problems.MODEL_NOT_READY.problem(safe(e.getMessage())));
  }

  /**
   * A model run that the data cannot make: not a server failure, so no stack trace and no 5xx.
   *
   * @param e no customer bought twice
   * @return 422
   */
  @ExceptionHandler(dev.custintel.analytics.models.InsufficientDataException.class)
  public ResponseEntity<ProblemDetail> insufficientData(dev.custintel.analytics.models.InsufficientDataException e) {
    LOG.warn("Model run refused: {}", e.getMessage());
    return respond(Problems.INSUFFICIENT_DATA.problem(safe(e.getMessage())));
  }

  /**
   * @param e a fit that did not converge
   * @return 422
   */
  @ExceptionHandler(dev.custintel.analytics.models.ModelFitException.class)
  public ResponseEntity<ProblemDetail> modelFit(dev.custintel.analytics.models.ModelFitException e) {
    LOG.warn("Model run failed: {}", e.getMessage());
    return respond(Problems.MODEL_FIT_FAILED.problem(safe(e.getMessage())));
  }

  /**
   * @param e rule mining past its limits
   * @return 400
   */
  @ExceptionHandler(MiningLimitException.class)
  public ResponseEntity<ProblemDetail> miningLimit(MiningLimitException e) {
    return respond(Problems.INVALID_INPUT.problem(safe(e.getMessage())));
  }

  /**
   * @param e a conflict with work in progress, such as a second concurrent refresh
   * @return 409
   */
  @ExceptionHandler(ConflictException.class)
  public ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    return respond(Problems.CONFLICT.problem(safe(e.getMessage())));
  }

  /**
   * @param e a sync of a source that is running already
   * @return 409
   */
  @ExceptionHandler(dev.custintel.core.sync.SyncInProgressException.class)
  public ResponseEntity<ProblemDetail> syncInProgress(dev.custintel.core.sync.SyncInProgressException e) {
    return respond(Problems.CONFLICT.problem(safe(e.getMessage())));
  }

  /**
   * @param e an operation the experiment's status does not allow, such as exposing customers to a draft
   * @return 409 naming the experiment and its status
   */
  @ExceptionHandler(ExperimentStateException.class)
  public ResponseEntity<ProblemDetail> experimentState(ExperimentStateException e) {
    ProblemDetail problem = Problems.CONFLICT.problem(safe(e.getMessage()));
    problem.setProperty("experimentId", e.experimentId());
    // not "status": that member is the HTTP status
    problem.setProperty("experimentStatus", e.status().wireName());
    return respond(problem);
  }

  /**
   * @param e a database failure
   * @return 503 when the database is unreachable, else 500, with a reference to the server's log
   */
  @ExceptionHandler(DataAccessException.class)
  public ResponseEntity<ProblemDetail> dataAccess(DataAccessException e) {
    String reference = reference();
    if (unavailable(e)) {
      LOG.warn("Database unavailable ({}): {}", reference, e.getMessage());
      ProblemDetail problem = Problems.DATABASE_UNAVAILABLE.problem(
          "The database cannot be reached; try again shortly (reference " + reference + ").");
      problem.setProperty("reference", reference);
      return ResponseEntity.status(problem.getStatus())
          .header(HttpHeaders.RETRY_AFTER, "5")
          .contentType(ProblemMedia.PROBLEM_JSON)
          .body(problem);
    }
    LOG.error("Database failure ({})", reference, e);
    return respond(internal(reference));
  }

  /**
   * @param e anything else
   * @return 500 with a reference to the server's log
   */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e) {
    String reference = reference();
    LOG.error("Unexpected failure ({})", reference, e);
    return respond(internal(reference));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem = translate(ex, statusCode);
    return ResponseEntity.status(problem.getStatus()).headers(headers).contentType(ProblemMedia.PROBLEM_JSON)
        .body(problem);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    String type = ex.getRequiredType() == null ? "a value of another type" : describe(ex.getRequiredType());
    String reason = "must be " + type + " (was '" + ex.getValue() + "')";
    return handleExceptionInternal(
        InvalidInputException.argument(field == null ? "parameter" : field, reason), null, headers, status, request);
  }

  private ProblemDetail translate(Exception ex, HttpStatusCode status) {
    if (ex instanceof InvalidInputException invalid) {
      return invalid(invalid);
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      return Problems.INVALID_INPUT.problem(
          "Parameter '" + missing.getParameterName() + "' is required",
          List.of(new Problems.FieldError(missing.getParameterName(), "is required")));
    }
    if (ex instanceof HttpMessageNotReadableException unreadable) {
      return unreadable(unreadable);
    }
    if (ex instanceof NoResourceFoundException) {
      return Problems.NOT_FOUND.problem("No endpoint at this path.");
    }
    if (ex instanceof HttpRequestMethodNotSupportedException method) {
      return Problems.METHOD_NOT_ALLOWED.problem(
          "This endpoint does not take " + method.getMethod() + "; it takes " + method.getSupportedHttpMethods());
    }
    if (ex instanceof HttpMediaTypeNotSupportedException) {
      return Problems.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json.");
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return Problems.NOT_ACCEPTABLE.problem("This endpoint answers application/json.");
    }
    if (status.value() == 413) {
      return Problems.PAYLOAD_TOO_LARGE.problem("The request body is too large.");
    }
    if (status.is4xxClientError()) {
      return Problems.INVALID_INPUT.problem("The request is not valid: " + safe(ex.getMessage()));
    }
    String reference = reference();
    LOG.error("Request failed ({})", reference, ex);
    return internal(reference);
  }

  private static ProblemDetail invalid(InvalidInputException e) {
    String field = e.record() == null ? e.field() : e.record() + "." + e.field();
    return Problems.INVALID_INPUT.problem(
        "'" + field + "' " + e.reason(), List.of(new Problems.FieldError(field, e.reason())));
  }

  private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
        return Problems.PAYLOAD_TOO_LARGE.problem(safe(tooLarge.getMessage()) + "; send smaller batches.");
      }
      if (t instanceof InvalidInputException invalid) {
        String path = t == e.getCause() ? null : pathOf(e);
        if (path != null && !path.isEmpty()) {
          String field = path + "." + invalid.field();
          return Problems.INVALID_INPUT.problem(
              "'" + field + "' " + invalid.reason(), List.of(new Problems.FieldError(field, invalid.reason())));
        }
        return invalid(invalid);
      }
    }
    String path = pathOf(e);
    if (path != null && !path.isEmpty()) {
      return Problems.INVALID_INPUT.problem(
          "The body's field '" + path + "' is not valid",
          List.of(new Problems.FieldError(path, "is not of the expected type or format")));
    }
    return Problems.INVALID_INPUT.problem("The body is not valid JSON for this endpoint.");
  }

  /** The JSON path of a binding failure, such as {@code orders[2].lines[0].quantity}, or null. */
  private static @Nullable String pathOf(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException jackson && !(t instanceof ValueInstantiationException && jackson.getPath().isEmpty())) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : jackson.getPath()) {
          if (ref.getPropertyName() != null) {
            if (path.length() > 0) {
              path.append('.');
            }
            path.append(ref.getPropertyName());
          } else if (ref.getIndex() >= 0) {
            path.append('[').append(ref.getIndex()).append(']');
          }
        }
        return path.toString();
      }
    }
    return null;
  }

  /**
   * @param e a failure
   * @return whether a cause of it says the database cannot be reached (a connection failure, SQL state 08 or 57P)
   */
  public static boolean unavailable(Throwable e) {
    int depth = 0; // a cycle of causes (a -> b -> a) ends here too
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static ProblemDetail internal(String reference) {
    ProblemDetail problem = Problems.INTERNAL.problem(
        "The server failed to answer; its log has the details under reference " + reference + ".");
    problem.setProperty("reference", reference);
    return problem;
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == java.time.LocalDate.class) {
      return "a date such as 2026-01-31";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
    }
    return "a " + type.getSimpleName();
  }

  private static String safe(@Nullable String message) {
    if (message == null) {
      return "no reason given";
    }
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  private static String reference() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(ProblemMedia.PROBLEM_JSON).body(problem);
  }
}
