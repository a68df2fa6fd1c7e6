package dev.custintel.core.testing;

import java.util.function.Supplier;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test class once on each database of {@link TestDatabase#both()}: H2, then PostgreSQL, each run named after
 * its database ({@code @ParameterizedClass} is inherited). A subclass makes its databases with {@link #newDatabase}:
 * in {@code @BeforeEach} for a fresh one per test, or, with {@code @TestInstance(PER_CLASS)}, in
 * {@code @BeforeParameterizedClassInvocation} for one per run of the class; that one instance then serves both runs,
 * so such a method sets every field anew.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.custintel.core.testing.TestDatabase#both")
public abstract class OnBothDatabases {
  /** This run's database: "h2" or "postgresql". */
  @Parameter(0)
  protected String databaseName;

  /** Makes a new, empty database of this run's kind (PostgreSQL's skips or fails when the server is unreachable). */
  @Parameter(1)
  protected Supplier<TestDatabase> newDatabase;
}
