package dev.custintel.examples.cli;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.OnlineRetailBaskets;
import dev.custintel.analytics.affinity.OnlineRetailOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The basket file layouts of {@code affinity mine --format}, by their command-line names. */
enum BasketFormat {
  /** One basket per line, space-separated integer item ids (the FIMI repository's {@code .dat} files). */
  FIMI("fimi"),
  /** One basket per line, comma-separated item names, no header ({@code groceries.csv}). */
  BASKET_CSV("basket-csv"),
  /** UCI Online Retail rows, one basket per invoice ({@link OnlineRetailBaskets}). */
  ONLINE_RETAIL("online-retail");

  private final String cliName;

  BasketFormat(String cliName) {
    this.cliName = cliName;
  }

  /** @return the name on the command line, such as {@code basket-csv} */
  String cliName() {
    return cliName;
  }

  /**
   * @param file the basket file
   * @param onlineRetail the item column and exclusions, used by {@link #ONLINE_RETAIL} only
   * @return the baskets
   * @throws dev.custintel.core.InvalidInputException if the file cannot be read in this layout
   */
  Baskets read(Path file, OnlineRetailOptions onlineRetail) {
    switch (this) {
      case FIMI:
        return Baskets.readFimi(file);
      case BASKET_CSV:
        return Baskets.readBasketCsv(file);
      default:
        return OnlineRetailBaskets.read(file, onlineRetail);
    }
  }

  /** The format names for the help. */
  static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      super(Arrays.stream(values()).map(BasketFormat::cliName).toList());
    }
  }

  /** Reads {@code --format}: a {@link #cliName()}, in any case. */
  static final class Converter implements ITypeConverter<BasketFormat> {
    @Override
    public BasketFormat convert(String value) {
      for (BasketFormat format : values()) {
        if (format.cliName.equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new TypeConversionException(
          "must be one of " + String.join(", ", new Names()) + " (was '" + value + "')");
    }
  }

  /** The item column names of {@code --items} for the help. */
  static final class ItemColumnNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ItemColumnNames() {
      super(List.of("description", "stock-code"));
    }
  }

  /** Reads {@code --items}: {@code description} or {@code stock-code}, in any case. */
  static final class ItemColumnConverter implements ITypeConverter<OnlineRetailOptions.ItemColumn> {
    @Override
    public OnlineRetailOptions.ItemColumn convert(String value) {
      if ("description".equalsIgnoreCase(value)) {
        return OnlineRetailOptions.ItemColumn.DESCRIPTION;
      }
      if ("stock-code".equalsIgnoreCase(value)) {
        return OnlineRetailOptions.ItemColumn.STOCK_CODE;
      }
      throw new TypeConversionException("must be description or stock-code (was '" + value + "')");
    }
  }
}
