package dev.custintel.slack;

/**
 * What the host sends back to Slack for one request.
 *
 * @param status the HTTP status: 200, 400 (not an Events API body), 401 (signature or timestamp rejected), 500 or
 *     503 (the event could not be recorded or scheduled; Slack retries it)
 * @param contentType the body's media type
 * @param body the body, possibly empty
 */
public record SlackResponse(int status, String contentType, String body) {

  static final String TEXT = "text/plain; charset=utf-8";

  /** @return an empty 200: Slack's acknowledgement */
  public static SlackResponse ok() {
    return new SlackResponse(200, TEXT, "");
  }

  /**
   * @param status the HTTP status
   * @param body a short plain-text body
   * @return the response
   */
  public static SlackResponse text(int status, String body) {
    return new SlackResponse(status, TEXT, body);
  }
}
