package dev.custintel.slack.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the handler accepts as Slack's ids, checked at the door: an event whose work would store an id that does not
 * look like Slack's, or is longer than its column, is refused with 400 and a reason instead of being acknowledged
 * and then failing. Slack's ids are upper-case letters and digits (9 to 11 today, not promised to stay so); a
 * message's ts is digits with one dot. Not API.
 */
final class SlackIds {
  /** Longest id kept (the columns' size). */
  static final int MAX_ID = 255;
  /** Longest ts kept (the columns' size). */
  static final int MAX_TS = 64;

  private static final Pattern ID = Pattern.compile("[A-Z0-9]+");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern TS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private SlackIds() {}

  /** @return why the event id cannot be accepted, or null if it can */
  static @Nullable String eventIdProblem(@Nullable String eventId) {
    if (eventId == null) {
      return "event_id missing";
    }
    return problem("event_id", eventId, EVENT_ID, MAX_ID, "letters, digits, '_', '.' and '-'");
  }

  /** @return why the id cannot be accepted, or null if it can */
  static @Nullable String idProblem(String field, @Nullable String id) {
    return id == null ? null : problem(field, id, ID, MAX_ID, "upper-case letters and digits");
  }

  /** @return why the ts cannot be accepted, or null if it can */
  static @Nullable String tsProblem(String field, @Nullable String ts) {
    return ts == null ? null : problem(field, ts, TS, MAX_TS, "digits with one '.'");
  }

  private static @Nullable String problem(String field, String value, Pattern form, int max, String what) {
    if (value.isEmpty()) {
      return field + " is empty";
    }
    if (value.length() > max) {
      return field + " is longer than " + max + " characters (" + value.length() + ")";
    }
    if (!form.matcher(value).matches()) {
      return field + " must be " + what;
    }
    return null;
  }
}
