package dev.custintel.examples.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The model run contract on an H2 file database in a temporary folder. */
class ModelRunH2Test extends ModelRunContract {
  @TempDir Path dir;

  @Override
  String db() {
    return "jdbc:h2:file:" + dir.resolve("custintel").toAbsolutePath();
  }
}
