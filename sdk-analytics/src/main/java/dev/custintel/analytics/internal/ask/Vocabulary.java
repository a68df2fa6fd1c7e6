package dev.custintel.analytics.internal.ask;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the parser may recognise by name in a question: customers, products, countries and segments as they are in
 * the data. Not API.
 */
public interface Vocabulary {

  /**
   * @param candidates ways the question may write one customer id, the likeliest first (as typed, upper case, the
   *     demo shop's {@code C-00000042} form of a number)
   * @return the id as stored of the first candidate that is a customer, or null
   */
  @Nullable String customer(List<String> candidates);

  /** @return the products, by id and name */
  List<Product> products();

  /** @return customer countries as stored */
  List<String> countries();

  /** @return the segment names of the preset questions use, such as {@code cant_lose_them} */
  List<String> segments();

  /**
   * A product as questions may name it.
   *
   * @param id the product id
   * @param name its name, or null
   */
  record Product(String id, @Nullable String name) {}
}
