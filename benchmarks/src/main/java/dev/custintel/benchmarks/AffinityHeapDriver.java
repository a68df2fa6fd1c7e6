package dev.custintel.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.MiningOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.jspecify.annotations.Nullable;

/**
 * The heap that frequent-itemset mining needs, complementing JMH's timings: reads one data file of
 * {@code data/affinity/}, then mines it several times, and prints the heap used. Meant to run with the heap capped at
 * the limit (retail at 0.05% in at most 256 MB), so that completing is itself the check:
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.AffinityHeapDriver
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.AffinityHeapDriver \
 *     --file chess.dat --support 0.6 --runs 3
 * </pre>
 *
 * Options: {@code --file F} under {@code data/affinity/} (default {@code retail.dat}), {@code --support S} (default
 * 0.0005), {@code --runs N} (default 5). The data directory is the system property {@code custintel.dataDir}
 * (default {@code data}, i.e. run from the repository root).
 *
 * <p>What it prints (MB = 2^20 bytes):
 *
 * <ul>
 *   <li><b>baskets</b>: the heap the {@code Baskets} retain (used after a full collection with them, minus before
 *       reading);
 *   <li>per run: time, itemsets, and the bytes the mining thread allocated;
 *   <li><b>peak heap used</b>: the sum over the heap's memory pools of their peak usage, counted from a reset right
 *       after reading (so it includes the baskets). Pools peak at different moments, so this is an upper bound; it
 *       also counts garbage not yet collected, so it depends on the collector and on {@code -Xmx};
 *   <li><b>live after collections</b>: the largest heap in use just after a collection during the runs (the live data
 *       at that moment: baskets, the tree being mined, the previous result);
 *   <li><b>result</b>: the heap one {@code FrequentItemsets} retains.
 * </ul>
 */
public final class AffinityHeapDriver {
  private static final double MB = 1024.0 * 1024.0;

  private AffinityHeapDriver() {}

  /** Parsed options. */
  record Options(String file, double support, int runs) {
    static Options parse(String[] args) {
      String file = "retail.dat";
      double support = 0.0005;
      int runs = 5;
      for (DriverArgs.Option option : DriverArgs.options(args, AffinityHeapDriver::usage)) {
        String a = option.name();
        String v = option.value();
        try {
          switch (a) {
            case "--file" -> file = v;
            case "--support" -> support = Double.parseDouble(v);
            case "--runs" -> runs = Integer.parseInt(v);
            default -> usage("unknown option " + a);
          }
        } catch (NumberFormatException e) {
          usage("not a number for " + a + ": " + v);
        }
      }
      if (!(support > 0 && support <= 1) || runs < 1 || runs > 1000) {
        usage("--support must be in (0, 1] and --runs in 1..1000");
      }
      return new Options(file, support, runs);
    }
  }

  private static void usage(@Nullable String error) {
    if (error != null) {
      System.err.println("error: " + error);
    }
    System.err.println("""
        usage: java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.AffinityHeapDriver
                    [--file retail.dat] [--support 0.0005] [--runs 5]""");
    System.exit(error == null ? 0 : 2);
  }

  /** @param args see the class comment */
  public static void main(String[] args) {
    Options o = Options.parse(args);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    AtomicLong liveAfterGc = new AtomicLong();
    listenToCollections(heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet()), liveAfterGc);

    long beforeRead = usedAfterFullGc();
    Baskets baskets = AffinityData.load(o.file());
    long withBaskets = usedAfterFullGc();
    MiningOptions options = MiningOptions.builder().minSupport(o.support()).build();
    System.out.printf(Locale.ROOT, "%s: %,d baskets, %,d items; baskets retain %.1f MB; max heap (-Xmx) %.0f MB%n",
        o.file(), baskets.size(), baskets.itemCount(), (withBaskets - beforeRead) / MB,
        Runtime.getRuntime().maxMemory() / MB);

    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    liveAfterGc.set(0);
    FrequentItemsets result = mineOnce(1, baskets, options, threads);
    for (int run = 2; run <= o.runs(); run++) {
      result = mineOnce(run, baskets, options, threads);
    }
    long peak = 0;
    StringBuilder pools = new StringBuilder();
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage usage = pool.getPeakUsage();
      peak += usage.getUsed();
      pools.append(pools.length() == 0 ? "" : ", ").append(pool.getName()).append(' ')
          .append(String.format(Locale.ROOT, "%.1f", usage.getUsed() / MB));
    }
    long live = liveAfterGc.get();
    long withResult = usedAfterFullGc();
    System.out.printf(Locale.ROOT, "%s%n", AffinityData.describe(o.file(), o.support(), baskets, result));
    System.out.printf(Locale.ROOT, "peak heap used during the runs (baskets included): %.1f MB (%s)%n", peak / MB,
        pools);
    System.out.printf(Locale.ROOT, "live after collections during the runs: at most %s%n",
        live == 0 ? "- (no collection)" : String.format(Locale.ROOT, "%.1f MB", live / MB));
    System.out.printf(Locale.ROOT, "result retains %.1f MB%n", (withResult - withBaskets) / MB);
    System.out.printf(Locale.ROOT, "completed %d runs with -Xmx %.0f MB%n", o.runs(),
        Runtime.getRuntime().maxMemory() / MB);
  }

  private static FrequentItemsets mineOnce(
      int run, Baskets baskets, MiningOptions options, com.sun.management.ThreadMXBean threads) {
    long allocated = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    FrequentItemsets result = FpGrowth.mine(baskets, options);
    long nanos = System.nanoTime() - start;
    allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
    System.out.printf(Locale.ROOT, "run %d: %.1f ms, %,d itemsets, %.1f MB allocated%n", run, nanos / 1e6,
        result.size(), allocated / MB);
    return result;
  }

  private static long usedAfterFullGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Keeps in {@code max} the largest use of the heap pools just after a collection that was not requested by
   * System.gc.
   */
  private static void listenToCollections(Set<String> heapPools, AtomicLong max) {
    NotificationListener listener = (notification, handback) -> {
      if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      if (info.getGcCause().equals("System.gc()")) {
        return;
      }
      long used = 0;
      for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(pool.getKey())) {
          used += pool.getValue().getUsed();
        }
      }
      max.accumulateAndGet(used, Math::max);
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }
}
