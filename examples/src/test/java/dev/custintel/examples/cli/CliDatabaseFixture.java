package dev.custintel.examples.cli;

import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each subclass's tests on a fresh, empty database of each kind ({@code @ParameterizedClass} is inherited): H2
 * as a file in the test's temporary folder, as users run the CLI (commands that only read add {@code IFEXISTS=TRUE}
 * to H2 file URLs, which an in-memory database would not exercise), then a fresh schema of the PostgreSQL test
 * server, skipped when it is unreachable unless {@code custintel.requirePostgres=true}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.custintel.examples.cli.CliDatabaseFixture#both")
abstract class CliDatabaseFixture {
  /** The database's name, "h2-file" or "postgresql". */
  @Parameter(0)
  String databaseName;

  /** Makes a new, empty database, given the test's temporary folder. */
  @Parameter(1)
  Function<Path, TestDatabase> newDatabase;

  @TempDir
  Path dir;

  private TestDatabase database;

  /** @return H2 in a file, then PostgreSQL, each as its name and a maker of a new, empty one */
  static Stream<Arguments> both() {
    return Stream.of(
        Arguments.of("h2-file", (Function<Path, TestDatabase>) CliDatabaseFixture::h2File),
        Arguments.of("postgresql", (Function<Path, TestDatabase>) dir -> TestDatabase.postgres()));
  }

  private static TestDatabase h2File(Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
    return new TestDatabase() {
      @Override
      public String name() {
        return "h2";
      }

      @Override
      public CustintelStore.Builder configure(CustintelStore.Builder builder) {
        return builder.jdbcUrl(url);
      }

      @Override
      public String jdbcUrl() {
        return url;
      }

      @Override
      public void close() {
        // The file goes with the test's temporary folder.
      }
    };
  }

  @BeforeEach
  void createDatabase() {
    database = newDatabase.apply(dir);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  /** @return the JDBC URL of this test's empty database */
  String db() {
    return database.jdbcUrl();
  }
}
