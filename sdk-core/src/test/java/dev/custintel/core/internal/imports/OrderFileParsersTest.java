package dev.custintel.core.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportFormat;
import org.junit.jupiter.api.Test;

class OrderFileParsersTest {

  @Test
  void forFormat_eachFormat_returnsItsParser() {
    assertThat(OrderFileParsers.forFormat(ImportFormat.CDNOW)).isInstanceOf(CdnowParser.class);
    assertThat(OrderFileParsers.forFormat(ImportFormat.ONLINE_RETAIL)).isInstanceOf(OnlineRetailParser.class);
    assertThat(OrderFileParsers.forFormat(ImportFormat.ORDERS_CSV)).isInstanceOf(OrdersCsvParser.class);
  }
}
