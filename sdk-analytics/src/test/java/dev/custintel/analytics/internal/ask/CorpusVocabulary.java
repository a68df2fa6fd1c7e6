package dev.custintel.analytics.internal.ask;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The vocabulary of the question corpus, as its README lists it. */
final class CorpusVocabulary implements Vocabulary {
  private static final Pattern DEMO = Pattern.compile("C-(\\d{8})");

  @Override
  public @Nullable String customer(List<String> candidates) {
    for (String c : candidates) {
      Matcher m = DEMO.matcher(c);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (n >= 1 && n <= 2000) {
          return c;
        }
      }
    }
    return null;
  }

  @Override
  public List<Product> products() {
    return List.of(
        new Product("P-0001", "Ethiopia Yirgacheffe Whole Beans 1 kg"),
        new Product("P-0002", "Kenya Nyeri AA Filter Grind 250 g"),
        new Product("P-0003", "House Espresso Blend 1 kg"),
        new Product("P-0004", "Chemex Paper Filters 100"),
        new Product("P-0005", "Hario V60 Dripper"),
        new Product("P-0006", "Ceremonial Matcha 30 g"),
        new Product("P-0007", "AeroPress Coffee Maker"),
        new Product("P-0008", "Colombia Decaf Whole Beans 250 g"),
        new Product("P-0009", "Earl Grey Loose Tea 100 g"),
        new Product("P-0010", "Cast Iron Teapot"));
  }

  @Override
  public List<String> countries() {
    return List.of("Germany", "France", "Netherlands", "Belgium", "Austria", "Italy", "Spain", "United Kingdom",
        "United States");
  }

  @Override
  public List<String> segments() {
    return List.of("champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
        "about_to_sleep", "at_risk", "cant_lose_them", "hibernating");
  }
}
