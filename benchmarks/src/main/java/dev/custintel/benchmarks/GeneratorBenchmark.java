package dev.custintel.benchmarks;

import dev.custintel.core.generate.GeneratedShop;
import dev.custintel.core.generate.ShopGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time to generate a whole synthetic shop ({@link #customers} customers, seed 42: about 10 orders each) into a
 * sink that does nothing but hand each batch to a {@link Blackhole}. One generation per iteration
 * ({@code SingleShotTime}), in seconds.
 */
@State(Scope.Benchmark)
public class GeneratorBenchmark extends SingleShotBenchmark {
  /** Customers to generate. */
  @Param({"100000"})
  public int customers;

  /** Orders per batch. */
  @Param({"2000"})
  public int batchSize;

  private ShopGenerator generator;
  private GeneratedShop last;

  /** Builds the generator (and its catalog). */
  @Setup(Level.Trial)
  public void setUp() {
    generator = ShopGenerator.builder().seed(ShopData.SEED).customers(customers).build();
  }

  /**
   * @param blackhole receives the batches
   * @return the generator's summary
   */
  @Benchmark
  public GeneratedShop generate(Blackhole blackhole) {
    last = generator.generate(batchSize, blackhole::consume);
    return last;
  }

  /** Prints what one generation produced. */
  @TearDown(Level.Trial)
  public void report() {
    if (last != null) {
      System.out.printf("%n[generated] %,d customers, %,d orders + %,d returns, %,d purchase lines, %,d batches%n",
          last.customers(), last.orders(), last.returns(), last.orderLines(), last.batches());
    }
  }
}
