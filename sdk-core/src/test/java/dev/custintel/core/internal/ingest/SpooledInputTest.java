package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spooled copy of a pipe or device stays inside its temporary directory, and closing it removes only the copy:
 * a copy path that escaped the directory would overwrite, or on a failed copy delete, the input itself.
 */
class SpooledInputTest {
  @TempDir Path dir;

  @Test
  void copyPath_isAlwaysInsideTheDirectory() {
    assertThat(SpooledInput.copyPath(dir, Path.of("/dev/null"))).isEqualTo(dir.resolve("null"));
    assertThat(SpooledInput.copyPath(dir, Path.of("in", "orders.csv"))).isEqualTo(dir.resolve("orders.csv"));
    assertThat(SpooledInput.copyPath(dir, Path.of("/"))).isEqualTo(dir.resolve("input"));
    assertThat(SpooledInput.copyPath(dir, Path.of(".."))).isEqualTo(dir.resolve("input"));
  }

  @Test
  void of_aDevice_copiesItAndCloseLeavesTheDeviceAlone() {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "a /dev/null device");

    Path copy;
    try (SpooledInput input = SpooledInput.of(devNull)) {
      copy = input.path();
      assertThat(copy).isNotEqualTo(devNull);
      assertThat(copy.getParent()).isNotEqualTo(devNull.getParent());
      assertThat(Files.isRegularFile(copy)).isTrue();
    }

    assertThat(Files.exists(copy)).isFalse();
    assertThat(Files.exists(devNull)).isTrue();
    assertThat(Files.isRegularFile(devNull)).isFalse();
  }

  @Test
  void of_aRegularFile_isUsedInPlaceAndNotDeleted() throws Exception {
    Path file = Files.writeString(dir.resolve("orders.csv"), "order_id\n");
    try (SpooledInput input = SpooledInput.of(file)) {
      assertThat(input.path()).isEqualTo(file);
    }
    assertThat(Files.exists(file)).isTrue();
  }
}
