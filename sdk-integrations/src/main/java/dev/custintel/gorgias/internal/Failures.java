package dev.custintel.gorgias.internal;

import dev.custintel.gorgias.CallLimit;
import dev.custintel.gorgias.GorgiasAuthException;
import dev.custintel.gorgias.GorgiasConnectionException;
import dev.custintel.gorgias.GorgiasException;
import dev.custintel.gorgias.GorgiasNotFoundException;
import dev.custintel.gorgias.GorgiasRateLimitException;
import dev.custintel.gorgias.GorgiasServerException;
import dev.custintel.gorgias.GorgiasValidationException;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Turns failed attempts into typed exceptions whose messages say what to do. Never sees credentials. Not API. */
final class Failures {
  private Failures() {}

  static GorgiasException fromStatus(
      ApiCall call,
      int status,
      String body,
      @Nullable Duration retryAfter,
      @Nullable CallLimit callLimit,
      int attempts) {
    String op = call.operation();
    GorgiasJson.ApiError error = GorgiasJson.error(body);
    String msg = error.message();
    if (status == 400 || status == 422) {
      return new GorgiasValidationException(op, status, msg, error.fieldErrors(), body, attempts);
    }
    if (status == 401) {
      return new GorgiasAuthException("Gorgias refused the credentials for " + op + " (401" + suffix(msg)
          + "). Check the account email and API key, or refresh the OAuth token.", op, status, msg, body, attempts,
          null);
    }
    if (status == 403) {
      return new GorgiasAuthException("The Gorgias user behind the credentials may not do " + op + " (403"
          + suffix(msg) + "). Give the API key's user a role that may, or the OAuth app the scope.", op, status, msg,
          body, attempts, null);
    }
    if (status == 404) {
      return new GorgiasNotFoundException(op, call.entity(), call.entityId(), msg, body, attempts);
    }
    if (status == 429) {
      return new GorgiasRateLimitException(op, retryAfter, callLimit, body, attempts);
    }
    if (status >= 500) {
      return new GorgiasServerException("Gorgias failed " + op + " (" + call + ") with " + status + suffix(msg)
          + " after " + attempts(attempts) + ". Try again later." + createHint(call), op, status, msg, body,
          attempts);
    }
    return new GorgiasException("Gorgias answered " + status + " to " + op + " (" + call + ")" + suffix(msg) + ".",
        op, status, msg, body, retryAfter, false, attempts, null);
  }

  static GorgiasConnectionException connection(ApiCall call, IOException e, int attempts) {
    return new GorgiasConnectionException("No response from Gorgias for " + call.operation() + " (" + call
        + ") after " + attempts(attempts) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
        + ". Check the network and the base URL." + createHint(call), call.operation(), attempts, e);
  }

  static GorgiasException unreadable(ApiCall call, int status, String body, RuntimeException e, int attempts) {
    return new GorgiasException("Gorgias answered " + call.operation() + " (" + call + ") with a response the"
        + " client cannot read: " + e.getMessage() + ".", call.operation(), status, null, body, null, false,
        attempts, e);
  }

  static GorgiasAuthException noToken(ApiCall call, RuntimeException e, int attempts) {
    return new GorgiasAuthException("Not sent: " + e.getMessage() + " for " + call.operation() + ".",
        call.operation(), 0, null, null, attempts, e.getCause());
  }

  static GorgiasException interrupted(ApiCall call, InterruptedException e, int attempts) {
    return new GorgiasException("Interrupted while waiting to call Gorgias (" + call.operation() + ").",
        call.operation(), 0, null, null, null, false, attempts, e);
  }

  private static String suffix(@Nullable String apiMessage) {
    return apiMessage == null ? "" : ": " + apiMessage;
  }

  private static String attempts(int n) {
    return n + (n == 1 ? " attempt" : " attempts");
  }

  private static String createHint(ApiCall call) {
    return call.idempotent()
        ? ""
        : " The " + call.entity() + " may exist anyway: look it up by external id '" + call.entityId()
            + "' before creating it again.";
  }
}
