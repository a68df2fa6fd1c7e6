package dev.custintel.gorgias.internal;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One API call as the executor sends it. Not API.
 *
 * @param operation the meter and log name, such as {@code tickets.get}
 * @param method GET, POST or PUT
 * @param url the full URL, query included
 * @param jsonBody the request body, or null for none
 * @param idempotent whether sending it twice has the effect of sending it once (retried on 5xx and I/O errors)
 * @param entity what a 404 means is missing, such as {@code "ticket"}
 * @param entityId the id a 404 names
 */
record ApiCall(
    String operation,
    String method,
    HttpUrl url,
    @Nullable String jsonBody,
    boolean idempotent,
    String entity,
    String entityId) {

  static ApiCall get(String operation, HttpUrl url, String entity, String entityId) {
    return new ApiCall(operation, "GET", url, null, true, entity, entityId);
  }

  @Override
  public String toString() {
    // The path only: query strings can hold customers' email addresses.
    return method + " " + url.encodedPath();
  }
}
