package dev.custintel.core.internal.generate;

import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where generated customers live and what they are called. Immutable. Not API.
 *
 * <p>Countries (ISO 3166-1 alpha-2 codes) follow the shop's currency: a euro shop sells mostly to Germany, France
 * and the Netherlands, a pound shop to the United Kingdom, a dollar shop to the United States; any other currency
 * gets an international mix. About 85% of customers have a name on file; the rest checked out as guests.
 */
public final class People {
  private static final double NAMED_SHARE = 0.85;

  private static final List<String> FIRST_NAMES = List.of(
      "Anna", "Lukas", "Marie", "Paul", "Emma", "Louis", "Sofia", "Matteo", "Julia", "Noah", "Léa", "Lucas",
      "Mia", "Jan", "Sara", "Hugo", "Eva", "Tom", "Laura", "David", "Nina", "Elias", "Clara", "Finn", "Lena", "Ben",
      "Chloé", "Jonas", "Alice", "Leon", "Olivia", "Liam", "Hannah", "Mateo", "Isabel", "Daan", "Sanne", "Aoife",
      "Conor", "Elena");

  private static final List<String> LAST_NAMES = List.of(
      "Müller", "Schmidt", "Martin", "Bernard", "Rossi", "García", "de Jong", "Jansen", "Peeters", "Gruber",
      "Murphy", "Silva", "Virtanen", "Weber", "Dubois", "Russo", "López", "Bakker", "Wagner", "Fischer", "Moreau",
      "Ferrari", "Fernández", "Visser", "Hofer", "Kelly", "Santos", "Korhonen", "Becker", "Laurent", "Bianchi",
      "Martínez", "Smit", "Maes", "Byrne", "Costa", "Nieminen", "Schulz", "Lefebvre", "Romano");

  private final List<String> countries;
  private final WeightedChoice countryChoice;

  /**
   * @param currency the shop's currency, which decides where its customers live
   */
  public People(Currency currency) {
    List<String> codes;
    double[] weights;
    switch (currency.getCurrencyCode()) {
      case "EUR":
        codes = List.of("DE", "FR", "NL", "IT", "ES", "BE", "AT", "IE", "PT", "FI", "GR", "LU", "SK", "SI", "EE");
        weights = new double[] {28, 16, 10, 9, 9, 6, 6, 4, 3, 3, 2, 1, 1, 1, 1};
        break;
      case "GBP":
        codes = List.of("GB", "IE", "NL", "DE", "FR");
        weights = new double[] {90, 5, 2, 2, 1};
        break;
      case "USD":
        codes = List.of("US", "CA", "MX", "GB", "AU");
        weights = new double[] {88, 6, 2, 2, 2};
        break;
      default:
        codes = List.of("US", "DE", "GB", "FR", "JP", "CA", "AU", "NL", "SE", "ES", "IT", "CH", "BR", "IN", "PL");
        weights = new double[] {25, 12, 10, 8, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2};
        break;
    }
    this.countries = codes;
    this.countryChoice = new WeightedChoice(weights);
  }

  /**
   * @param sampler the customer's random stream
   * @return an ISO 3166-1 alpha-2 country code
   */
  public String country(Sampler sampler) {
    return countries.get(countryChoice.next(sampler));
  }

  /**
   * @param sampler the customer's random stream
   * @return a full name, or null for a guest checkout
   */
  public @Nullable String name(Sampler sampler) {
    if (!sampler.chance(NAMED_SHARE)) {
      return null;
    }
    return FIRST_NAMES.get(sampler.nextInt(FIRST_NAMES.size()))
        + " "
        + LAST_NAMES.get(sampler.nextInt(LAST_NAMES.size()));
  }
}
