package dev.custintel.slack.internal;

import dev.custintel.core.CustintelException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.gorgias.Customer;
import dev.custintel.gorgias.GorgiasClient;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the customer a Slack message is about: the first shop customer id the configured pattern finds (such as
 * {@code C-12345}) whose profile in the store has an email; else the first email address in the text; else the
 * configured fallback. An email is then looked up in Gorgias for the customer's name there. Gorgias failures
 * propagate: the ticket cannot be made without Gorgias anyway. Not API.
 */
final class CustomerFinder {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerFinder.class);
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** Who the ticket is from. */
  record Found(String email, @Nullable String name) {}

  private final @Nullable Pattern customerIdPattern;
  private final CustomerClient customers;
  private final GorgiasClient gorgias;
  private final @Nullable String fallbackEmail;

  CustomerFinder(@Nullable Pattern customerIdPattern, CustomerClient customers, GorgiasClient gorgias,
      @Nullable String fallbackEmail) {
    this.customerIdPattern = customerIdPattern;
    this.customers = customers;
    this.gorgias = gorgias;
    this.fallbackEmail = fallbackEmail;
  }

  /** @param plainText the message as plain text */
  Optional<Found> find(String plainText) {
    if (customerIdPattern != null) {
      Matcher ids = customerIdPattern.matcher(plainText);
      while (ids.find()) {
        Optional<CustomerProfile> profile = profile(ids.group());
        if (profile.isPresent() && profile.get().email() != null) {
          return Optional.of(inGorgias(profile.get().email(), profile.get().name()));
        }
      }
    }
    Matcher email = EMAIL.matcher(plainText);
    if (email.find()) {
      return Optional.of(inGorgias(email.group(), null));
    }
    return fallbackEmail == null ? Optional.empty() : Optional.of(new Found(fallbackEmail, null));
  }

  private Optional<CustomerProfile> profile(String customerId) {
    try {
      return Optional.of(customers.profile(customerId));
    } catch (CustintelException e) {
      // Not found, or not an id the store accepts: the pattern matched something else.
      LOG.debug("No shop customer for '{}' from a Slack message: {}", customerId, e.getMessage());
      return Optional.empty();
    }
  }

  private Found inGorgias(String email, @Nullable String name) {
    Optional<Customer> customer = gorgias.findCustomerByEmail(email);
    String gorgiasName = customer.map(Customer::name).orElse(null);
    return new Found(email, gorgiasName != null ? gorgiasName : name);
  }
}
