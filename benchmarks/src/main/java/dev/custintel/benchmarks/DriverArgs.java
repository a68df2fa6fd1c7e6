package dev.custintel.benchmarks;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the plain drivers ({@link AffinityHeapDriver}, {@link ProfileLoadDriver}): {@code --name value}
 * pairs, read in order. {@code -h} or {@code --help}, or a name without a value, goes to the driver's usage, which
 * prints and exits.
 */
final class DriverArgs {
  private DriverArgs() {}

  /** One {@code --name value} pair. */
  record Option(String name, String value) {}

  /**
   * @param args the command line
   * @param usage prints the usage (with the error, if not null) and exits
   * @return the pairs, in order; each is checked only when the iteration reaches it
   */
  static Iterable<Option> options(String[] args, Consumer<@Nullable String> usage) {
    return () -> new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < args.length;
      }

      @Override
      public Option next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          usage.accept(null);
        }
        if (i + 1 >= args.length) {
          usage.accept("missing value for " + a);
        }
        String v = args[i + 1];
        i += 2;
        return new Option(a, v);
      }
    };
  }
}
