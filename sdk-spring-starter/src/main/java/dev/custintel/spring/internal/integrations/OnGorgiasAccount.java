package dev.custintel.spring.internal.integrations;

/** Matches when {@code custintel.gorgias.subdomain} or {@code custintel.gorgias.base-url} is set. */
public final class OnGorgiasAccount extends AnyPropertySet {
  /** Created by Spring. */
  public OnGorgiasAccount() {
    super(IntegrationClients.GORGIAS_SUBDOMAIN, IntegrationClients.GORGIAS_BASE_URL);
  }
}
