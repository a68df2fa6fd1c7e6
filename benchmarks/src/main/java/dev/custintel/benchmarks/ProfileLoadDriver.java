package dev.custintel.benchmarks;

import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.store.CustintelStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A plain load driver for profile lookups, complementing JMH for concurrency: N threads call
 * {@code customers().profile(id)} for random customers as fast as they can, for a bounded time and a bounded number
 * of calls, then it prints the latency percentiles and the throughput.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.ProfileLoadDriver \
 *     --url 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres' --threads 8 --seconds 20
 * </pre>
 *
 * Options:
 *
 * <ul>
 *   <li>{@code --url URL} (required): a local database only ({@link LocalJdbcUrls}): {@code jdbc:h2:mem:},
 *       {@code jdbc:h2:file:}, or {@code jdbc:postgresql://} on localhost / a loopback address;
 *   <li>{@code --prefix P}: table prefix (default {@code ci_});
 *   <li>{@code --threads N} (default 4), {@code --pool N} connections (default threads + 2, at most 200);
 *   <li>{@code --seconds S} measured time (default 20), {@code --warmup S} unmeasured time first (default 5);
 *   <li>{@code --max-requests N}: stop the measurement after N calls in all (default 5,000,000, at most 50,000,000);
 *   <li>{@code --cache N}: profile cache size, 0 = off so every call reads the database (default 0);
 *   <li>{@code --hot N}: pick among N customers only (default 0 = all known ids);
 *   <li>{@code --populate N}: when the store has no customers, generate N (seed 42) into it first (default 20,000;
 *       0 = never). With a populated store the ids are read from it (at most {@code --max-ids}, default 100,000).
 * </ul>
 */
public final class ProfileLoadDriver {
  private ProfileLoadDriver() {}

  /** Parsed options. */
  record Options(
      String url,
      String prefix,
      int threads,
      int pool,
      double seconds,
      double warmupSeconds,
      long maxRequests,
      long cache,
      int hot,
      int populate,
      int maxIds) {

    static Options parse(String[] args) {
      String url = null;
      String prefix = "ci_";
      int threads = 4;
      int pool = -1;
      double seconds = 20;
      double warmup = 5;
      long maxRequests = 5_000_000;
      long cache = 0;
      int hot = 0;
      int populate = 20_000;
      int maxIds = 100_000;
      for (DriverArgs.Option option : DriverArgs.options(args, ProfileLoadDriver::usage)) {
        String a = option.name();
        String v = option.value();
        try {
          switch (a) {
            case "--url" -> url = v;
            case "--prefix" -> prefix = v;
            case "--threads" -> threads = positive(a, Integer.parseInt(v));
            case "--pool" -> pool = positive(a, Integer.parseInt(v));
            case "--seconds" -> seconds = Double.parseDouble(v);
            case "--warmup" -> warmup = Double.parseDouble(v);
            case "--max-requests" -> maxRequests = Math.min(50_000_000L, positive(a, Long.parseLong(v)));
            case "--cache" -> cache = Long.parseLong(v);
            case "--hot" -> hot = Integer.parseInt(v);
            case "--populate" -> populate = Integer.parseInt(v);
            case "--max-ids" -> maxIds = positive(a, Integer.parseInt(v));
            default -> usage("unknown option " + a);
          }
        } catch (NumberFormatException e) {
          usage("not a number for " + a + ": " + v);
        }
      }
      if (url == null) {
        usage("--url is required");
      }
      if (!(seconds > 0 && seconds <= 3600) || !(warmup >= 0 && warmup <= 600)) {
        usage("--seconds must be in (0, 3600] and --warmup in [0, 600]");
      }
      if (threads > 512) {
        usage("--threads must be at most 512");
      }
      if (pool < 0) {
        pool = Math.min(200, threads + 2);
      }
      // usage() above ended the process when --url was missing.
      return new Options(LocalJdbcUrls.requireLocal(Objects.requireNonNull(url, "--url")), prefix, threads, Math.min(pool, 200), seconds, warmup,
          maxRequests, Math.max(cache, 0), Math.max(hot, 0), Math.max(populate, 0), maxIds);
    }

    private static <T extends Number> T positive(String option, T value) {
      if (value.longValue() < 1) {
        usage(option + " must be positive");
      }
      return value;
    }
  }

  private static void usage(@Nullable String error) {
    if (error != null) {
      System.err.println("error: " + error);
    }
    System.err.println("""
        usage: ProfileLoadDriver --url JDBC_URL [--prefix ci_] [--threads 4] [--pool THREADS+2]
                                 [--seconds 20] [--warmup 5] [--max-requests 5000000]
                                 [--cache 0] [--hot 0] [--populate 20000] [--max-ids 100000]
          JDBC_URL must be a local database: jdbc:h2:mem:..., jdbc:h2:file:..., or
          jdbc:postgresql://127.0.0.1|localhost|[::1][:port]/db[?user=...&currentSchema=...]""");
    System.exit(error == null ? 0 : 2);
  }

  /**
   * @param args see the class comment
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public static void main(String[] args) throws InterruptedException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
      return;
    }
    CustintelStore.Builder builder = CustintelStore.builder()
        .tablePrefix(o.prefix())
        .clock(ShopData.CLOCK)
        .maximumPoolSize(o.pool())
        .profileCache(o.cache(), Duration.ofMinutes(10));
    if (o.url().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:")) {
      // A pooled in-memory H2 database must outlive its connections.
      builder.jdbcUrl(o.url().contains("DB_CLOSE_DELAY") ? o.url() : o.url() + ";DB_CLOSE_DELAY=-1");
    } else {
      builder.jdbcUrl(o.url());
    }
    try (CustintelStore store = builder.build()) {
      String[] ids = customerIds(store, o);
      if (ids.length == 0) {
        System.err.println("error: the store has no customers (use --populate N)");
        System.exit(1);
      }
      if (o.hot() > 0 && o.hot() < ids.length) {
        ids = Arrays.copyOf(ids, o.hot());
      }
      System.out.printf(Locale.ROOT, "database %s (%s), %,d customer ids, %d threads, pool %d, cache %s%n",
          LocalJdbcUrls.redact(o.url()), store.databaseKind(), ids.length, o.threads(), o.pool(),
          o.cache() == 0 ? "off" : String.format(Locale.ROOT, "%,d", o.cache()));
      // Fill the cache (when on) with as many of the ids as it holds, so that the run measures hits.
      for (int i = 0; i < Math.min(ids.length, o.cache()); i++) {
        store.customers().profile(ids[i]);
      }
      if (o.warmupSeconds() > 0) {
        System.out.printf(Locale.ROOT, "warm-up %.0f s ...%n", o.warmupSeconds());
        run(store, ids, o.threads(), o.warmupSeconds(), Long.MAX_VALUE);
      }
      System.out.printf(Locale.ROOT, "measuring %.0f s (at most %,d calls) ...%n", o.seconds(), o.maxRequests());
      Result r = run(store, ids, o.threads(), o.seconds(), o.maxRequests());
      r.print();
    }
  }

  private static String[] customerIds(CustintelStore store, Options o) {
    long count = store.customers().count();
    if (count == 0 && o.populate() > 0) {
      System.out.printf(Locale.ROOT, "populating %,d customers (seed %d) ...%n", o.populate(), ShopData.SEED);
      ShopData.Population p = ShopData.populate(store, o.populate(), 2_000, 0);
      System.out.printf(Locale.ROOT, "populated: %,d orders, %,d lines in %.1f s%n",
          p.shop().orders() + p.shop().returns(), p.shop().orderLines(), p.seconds());
      return shuffled(p.customerIds());
    }
    // Read the ids of customers with orders, by id, a page at a time.
    List<String> ids = new ArrayList<>();
    CustomerQuery q = CustomerQuery.builder().limit(CustomerQuery.MAX_LIMIT).build();
    while (ids.size() < o.maxIds()) {
      CustomerPage page = store.customers().query(q);
      for (CustomerSummary s : page.items()) {
        ids.add(s.customerId());
      }
      if (!page.hasNext()) {
        break;
      }
      q = q.withAfter(page.nextCursor());
    }
    return shuffled(ids.subList(0, Math.min(ids.size(), o.maxIds())));
  }

  /** Shuffles deterministically, so that --hot and the cache warm-up pick customers from across the id range. */
  private static String[] shuffled(List<String> ids) {
    String[] out = ids.toArray(String[]::new);
    SplittableRandom random = new SplittableRandom(ShopData.SEED);
    for (int i = out.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** Latencies of one run. */
  record Result(long[] nanos, long errors, double seconds, int threads) {
    void print() {
      long n = nanos.length;
      System.out.printf(Locale.ROOT, "calls %,d (errors %,d) in %.2f s with %d threads: %,.0f calls/s%n",
          n, errors, seconds, threads, n / seconds);
      if (n == 0) {
        return;
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT,
          "latency us: p50 %.1f  p95 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f%n",
          pct(0.50), pct(0.95), pct(0.99), pct(0.999), nanos[nanos.length - 1] / 1e3,
          Arrays.stream(nanos).average().orElse(0) / 1e3);
    }

    private double pct(double p) {
      int index = (int) Math.ceil(p * nanos.length) - 1;
      return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e3;
    }
  }

  private static Result run(CustintelStore store, String[] ids, int threads, double seconds, long maxCalls)
      throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong tickets = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<long[]> perThread = new ArrayList<>();
    int[] counts = new int[threads];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      long[][] box = {new long[1 << 14]};
      perThread.add(null);
      Thread worker = new Thread(() -> {
        SplittableRandom random = new SplittableRandom(ShopData.SEED * 31 + index);
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        int count = 0;
        while (!stop.get() && tickets.getAndIncrement() < maxCalls) {
          String id = ids[random.nextInt(ids.length)];
          long t0 = System.nanoTime();
          boolean ok = true;
          try {
            store.customers().profile(id);
          } catch (RuntimeException e) {
            ok = false;
            if (errors.getAndIncrement() == 0) {
              System.err.println("first error: " + e);
            }
          }
          long t1 = System.nanoTime();
          if (ok) {
            if (count == box[0].length) {
              box[0] = Arrays.copyOf(box[0], count * 2);
            }
            box[0][count++] = t1 - t0;
          }
          if (t1 - deadline >= 0) {
            stop.set(true);
          }
        }
        synchronized (perThread) {
          perThread.set(index, box[0]);
          counts[index] = count;
        }
      }, "profile-load-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    long began = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    long total = 0;
    synchronized (perThread) {
      for (int c : counts) {
        total += c;
      }
      long[] all = new long[(int) total];
      int at = 0;
      for (int t = 0; t < threads; t++) {
        System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
        at += counts[t];
      }
      return new Result(all, errors.get(), elapsed, threads);
    }
  }
}
