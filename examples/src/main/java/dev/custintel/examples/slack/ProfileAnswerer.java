package dev.custintel.examples.slack;

import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.slack.QuestionAnswerer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers mentions that name a customer id with the customer's profile in one line. A stand-in until the SDK's
 * natural-language {@code ask} is wired to {@link QuestionAnswerer}.
 */
final class ProfileAnswerer implements QuestionAnswerer {
  private final CustomerClient customers;
  private final Pattern customerId;

  ProfileAnswerer(CustomerClient customers, Pattern customerId) {
    this.customers = customers;
    this.customerId = customerId;
  }

  @Override
  public String answer(String question) {
    Matcher m = customerId.matcher(question);
    if (!m.find()) {
      return "Name a customer, such as C-12345, and I will tell you about them.";
    }
    try {
      CustomerProfile p = customers.profile(m.group());
      return "*" + p.customerId() + "*" + (p.name() == null ? "" : " (" + p.name() + ")") + ": " + p.orders()
          + " orders" + (p.totalSpent() == null ? "" : ", " + p.totalSpent() + " spent")
          + (p.daysSinceLastOrder() == null ? "" : ", last " + p.daysSinceLastOrder() + " days ago") + ".";
    } catch (NotFoundException e) {
      return "I know no customer " + m.group() + ".";
    }
  }
}
