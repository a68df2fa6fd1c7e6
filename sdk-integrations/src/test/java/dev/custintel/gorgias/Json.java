package dev.custintel.gorgias;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Gorgias-shaped JSON for the stubs. */
final class Json {
  private Json() {}

  static String ticket(long id) {
    return ticket(id, "open");
  }

  static String ticket(long id, String status, String... tags) {
    String tagArray = Arrays.stream(tags)
        .map(t -> "{\"id\":" + Math.abs(t.hashCode() % 1000) + ",\"name\":\"" + t + "\",\"uri\":\"/api/tags/1/\"}")
        .collect(Collectors.joining(",", "[", "]"));
    return "{\"id\":" + id + ",\"uri\":\"/api/tickets/" + id + "/\",\"external_id\":\"ext-" + id + "\","
        + "\"status\":\"" + status + "\",\"channel\":\"api\",\"via\":\"api\",\"subject\":\"Ticket " + id + "\","
        + "\"customer\":{\"id\":5,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
        + "\"tags\":" + tagArray + ",\"spam\":false,\"created_datetime\":\"2019-07-05T14:42:00.384938\"}";
  }

  /** The cursor list envelope; {@code next} null on the last page. */
  static String page(String next, String... items) {
    return "{\"object\":\"list\",\"uri\":\"/api/tickets\",\"data\":[" + String.join(",", items) + "],"
        + "\"meta\":{\"prev_cursor\":null,\"next_cursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}}";
  }

  static String message(long id, long ticketId, String text) {
    return "{\"id\":" + id + ",\"ticket_id\":" + ticketId + ",\"channel\":\"api\",\"via\":\"api\","
        + "\"from_agent\":false,\"public\":true,\"sender\":{\"id\":5,\"email\":\"ada@example.com\"},"
        + "\"body_text\":\"" + text + "\",\"created_datetime\":\"2019-07-05T14:43:00\"}";
  }

  static String customer(long id, String email) {
    return "{\"id\":" + id + ",\"email\":\"" + email + "\",\"name\":\"Ada Lovelace\",\"firstname\":\"Ada\","
        + "\"lastname\":\"Lovelace\",\"external_id\":\"C-42\",\"created_datetime\":\"2020-01-02T03:04:05\","
        + "\"channels\":[{\"type\":\"email\",\"address\":\"" + email + "\"}]}";
  }
}
