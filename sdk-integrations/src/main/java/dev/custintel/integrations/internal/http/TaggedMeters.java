package dev.custintel.integrations.internal.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one name, one per combination of tag values, looked up in our own map rather than registered on
 * every use. They are registered on first use and left registered: two clients of one registry share them, and a
 * meter removed under the other client would silently stop counting. Not API.
 *
 * @param <M> {@link Timer} or {@link Counter}
 */
public final class TaggedMeters<M> {
  private final List<String> tagKeys;
  private final Function<Tags, M> register;
  private final Map<List<String>, M> meters = new ConcurrentHashMap<>();

  private TaggedMeters(List<String> tagKeys, Function<Tags, M> register) {
    this.tagKeys = tagKeys;
    this.register = register;
  }

  /**
   * @param registry where to register
   * @param name the timers' name
   * @param description their description
   * @param tagKeys the tag keys, in the order {@link #get} takes the values
   * @return the timers
   */
  public static TaggedMeters<Timer> timers(
      MeterRegistry registry, String name, String description, String... tagKeys) {
    return new TaggedMeters<>(List.of(tagKeys),
        tags -> Timer.builder(name).description(description).tags(tags).register(registry));
  }

  /**
   * @param registry where to register
   * @param name the counters' name
   * @param description their description
   * @param tagKeys the tag keys, in the order {@link #get} takes the values
   * @return the counters
   */
  public static TaggedMeters<Counter> counters(
      MeterRegistry registry, String name, String description, String... tagKeys) {
    return new TaggedMeters<>(List.of(tagKeys),
        tags -> Counter.builder(name).description(description).tags(tags).register(registry));
  }

  /**
   * @param tagValues one value per tag key, in their order
   * @return the meter with these tag values, registered on first use
   */
  public M get(String... tagValues) {
    if (tagValues.length != tagKeys.size()) {
      throw new IllegalArgumentException("expected values for " + tagKeys + ", got " + Arrays.toString(tagValues));
    }
    return meters.computeIfAbsent(List.of(tagValues), values -> {
      Tags tags = Tags.empty();
      for (int i = 0; i < tagKeys.size(); i++) {
        tags = tags.and(tagKeys.get(i), values.get(i));
      }
      return register.apply(tags);
    });
  }
}
