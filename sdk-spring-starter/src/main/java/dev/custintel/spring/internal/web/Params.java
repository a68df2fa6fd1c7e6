package dev.custintel.spring.internal.web;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.DateRange;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Request parameter checks that name the parameter and the reason. */
final class Params {
  private Params() {}

  /**
   * @param from first day, or null
   * @param to last day, or null
   * @return the inclusive range, or null when both are absent
   */
  static @Nullable DateRange period(@Nullable LocalDate from, @Nullable LocalDate to) {
    if (from == null && to == null) {
      return null;
    }
    if (from == null) {
      throw InvalidInputException.argument("from", "is required when 'to' is given");
    }
    if (to == null) {
      throw InvalidInputException.argument("to", "is required when 'from' is given");
    }
    if (to.isBefore(from)) {
      throw InvalidInputException.argument("to", "must not be before from (" + from + " .. " + to + ")");
    }
    return DateRange.ofDays(from, to);
  }

  static int range(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw InvalidInputException.argument(name, "must be between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }

  /**
   * Runs an SDK call whose arguments come from request parameters, so that an invalid one is named as the request
   * names it ({@code minRisk}, not the SDK's {@code minimumChurnRisk}).
   *
   * @param names the SDK's field names to the request's
   * @param call the call
   * @return its value
   */
  static <T> T naming(Map<String, String> names, Supplier<T> call) {
    try {
      return call.get();
    } catch (InvalidInputException e) {
      String name = e.record() == null ? names.get(e.field()) : null;
      if (name == null) {
        throw e;
      }
      InvalidInputException renamed = InvalidInputException.argument(name, e.reason());
      renamed.initCause(e);
      throw renamed;
    }
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.argument(name, "must be one of " + Arrays.stream(type.getEnumConstants())
          .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + " (was '" + value + "')");
    }
  }
}
