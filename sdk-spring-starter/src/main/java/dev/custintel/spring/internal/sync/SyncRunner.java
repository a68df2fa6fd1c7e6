package dev.custintel.spring.internal.sync;

import dev.custintel.core.NotFoundException;
import dev.custintel.core.sync.OrderSource;
import dev.custintel.core.sync.SyncClient;
import dev.custintel.core.sync.SyncResult;
import dev.custintel.core.sync.SyncScheduler;
import dev.custintel.core.sync.SyncStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's order sources, by name: runs them on demand, and on a schedule when one is set (each source on
 * its own thread, off until then). Closing it stops the schedules.
 */
public final class SyncRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  private final SyncClient sync;
  private final Map<String, OrderSource> sources = new LinkedHashMap<>();
  private final int pageSize;
  private final List<SyncScheduler> schedules = new ArrayList<>();

  /**
   * @param sync the store's sync client
   * @param sources the sources; their names must differ
   * @param pageSize the most rows a source reads at once
   * @param interval how often each source runs, or null for on demand only
   */
  public SyncRunner(SyncClient sync, List<OrderSource> sources, int pageSize, @Nullable Duration interval) {
    this.sync = sync;
    this.pageSize = pageSize;
    for (OrderSource source : sources) {
      if (this.sources.putIfAbsent(source.name(), source) != null) {
        throw new IllegalStateException("Two order sources are named '" + source.name() + "': names must differ");
      }
    }
    if (interval != null) {
      for (OrderSource source : this.sources.values()) {
        schedules.add(sync.schedule(source, interval));
        LOG.info("Order source '{}' syncs every {}", source.name(), interval);
      }
    }
  }

  /** @return the sources' names, in order */
  public List<String> sourceNames() {
    return List.copyOf(sources.keySet());
  }

  /**
   * Runs one source, or every source in turn.
   *
   * @param name a source's name, or null for all
   * @return each run's result
   * @throws NotFoundException if no source has that name
   * @throws dev.custintel.core.sync.SyncInProgressException if that source is running already
   */
  public List<SyncResult> run(@Nullable String name) {
    if (name != null) {
      OrderSource source = sources.get(name);
      if (source == null) {
        throw new NotFoundException("order source", name, "No order source is named '" + name + "'; the sources"
            + " are " + sources.keySet());
      }
      return List.of(sync.run(source, pageSize));
    }
    List<SyncResult> results = new ArrayList<>();
    for (OrderSource source : sources.values()) {
      results.add(sync.run(source, pageSize));
    }
    return results;
  }

  /** @return every source's status (sources that never ran have none) */
  public List<SyncStatus> statuses() {
    return sync.statuses();
  }

  @Override
  public void close() {
    for (SyncScheduler schedule : schedules) {
      schedule.close();
    }
  }
}
